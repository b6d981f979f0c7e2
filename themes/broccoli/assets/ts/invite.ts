// The invite page's bundle (loaded only on /invite/): the invitation in register/invitation.ts.
import { readPage } from "./register/page.ts";
import { initInvitation } from "./register/invitation.ts";

const root = document.querySelector<HTMLElement>("[data-register]");
if (root) initInvitation(readPage(root), location.hash);
