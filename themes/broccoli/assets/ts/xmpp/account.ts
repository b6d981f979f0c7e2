// XEP-0077 for a logged-in account (jabber:iq:register on the own stream): change the password
// (section 3.3: username and the new password) and remove the account (section 3.2: <remove/>).
import { el, type XEl } from "./xml.ts";
import { NS_REGISTER } from "./ibr.ts";

/** The iq set payload that changes the account's password; username is the localpart. */
export function changePassword(username: string, password: string): XEl {
  return el("query", { xmlns: NS_REGISTER }, el("username", {}, username), el("password", {}, password));
}

/** The iq set payload that deletes the account. */
export function removeAccount(): XEl {
  return el("query", { xmlns: NS_REGISTER }, el("remove", {}));
}
