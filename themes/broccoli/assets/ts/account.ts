// The account page's bundle (loaded only on /account/): change the password or delete the account,
// logged in over the XMPP WebSocket with SASL SCRAM (account/form.ts).
import { readPage } from "./account/page.ts";
import { initAccountForms } from "./account/form.ts";

const root = document.querySelector<HTMLElement>("[data-account]");
if (root) initAccountForms(readPage(root));
