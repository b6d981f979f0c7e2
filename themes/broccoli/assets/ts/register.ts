// The registration page's bundle (loaded only on /register/): the form in xmpp/form.ts.
import { readPage, initRegisterForm } from "./xmpp/form.ts";

const root = document.querySelector<HTMLElement>("[data-register]");
if (root) initRegisterForm(readPage(root));
