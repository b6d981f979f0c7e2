// The registration page's bundle (loaded only on /register/): the form in register/form.ts.
import { readPage } from "./register/page.ts";
import { initRegisterForm } from "./register/form.ts";

const root = document.querySelector<HTMLElement>("[data-register]");
if (root) initRegisterForm(readPage(root));
