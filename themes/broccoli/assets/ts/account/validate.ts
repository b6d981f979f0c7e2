// The account forms' input: the address (name@domain, or the name alone), the passwords and the typed
// confirmation. Pure: returns the problems by field as message keys, or the normalized request.
import type { MessageKey } from "./message-keys.ts";

export type Problem = [field: string, key: MessageKey];

/**
 * The localpart of an address on this domain: "Anna@Example.org" -> "anna" (case-insensitive, as
 * XMPP's nodeprep folds it), "anna" alone -> "anna". Undefined for an address on another domain or an empty one.
 */
export function localpart(address: string, domain: string): string | undefined {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  const local = at < 0 ? a : a.slice(0, at);
  if (!local) return undefined;
  if (at >= 0 && a.slice(at + 1) !== domain.toLowerCase()) return undefined;
  return local;
}

function addressProblem(address: string, domain: string): Problem | undefined {
  if (!address.trim()) return ["jid", "jidEmpty"];
  if (!localpart(address, domain)) return ["jid", "jidOtherDomain"];
  return undefined;
}

export interface ChangeInput {
  jid: string;
  password: string;
  newPassword: string;
  newPassword2: string;
}

export function changeProblems(i: ChangeInput, domain: string, minPassword: number): Problem[] {
  const out: Problem[] = [];
  const a = addressProblem(i.jid, domain);
  if (a) out.push(a);
  if (!i.password) out.push(["password", "passwordEmpty"]);
  if (!i.newPassword) out.push(["newPassword", "passwordEmpty"]);
  else if ([...i.newPassword].length < minPassword) out.push(["newPassword", "passwordTooShort"]);
  else if (i.newPassword !== i.newPassword2) out.push(["newPassword2", "passwordMismatch"]);
  return out;
}

export interface DeleteInput {
  jid: string;
  password: string;
  confirm: string;
}

/** The confirmation must name the same account as the address (case and spaces do not matter). */
export function deleteProblems(i: DeleteInput, domain: string): Problem[] {
  const out: Problem[] = [];
  const a = addressProblem(i.jid, domain);
  if (a) out.push(a);
  if (!i.password) out.push(["password", "passwordEmpty"]);
  const want = localpart(i.jid, domain);
  const typed = i.confirm.trim().toLowerCase();
  if (!want || typed !== `${want}@${domain.toLowerCase()}`) out.push(["confirm", "confirmMismatch"]);
  return out;
}
