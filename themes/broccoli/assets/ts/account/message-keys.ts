// The messages the account page's script shows, by key. Hugo writes their translated texts into
// data-messages (layouts/partials/account/forms.html lists the same keys); each key's text is the i18n
// id account<Key> ("errConflict" -> accountErrConflict) of themes/broccoli/i18n/*.toml.
// message-keys.test.ts checks this list against the template and both i18n files.
import { fill } from "../register/messages.ts";
import type { ErrorKey } from "./error-keys.ts";

export const MESSAGE_KEYS = [
  // validate.ts: problems of the input
  "jidEmpty",
  "jidOtherDomain",
  "passwordEmpty",
  "passwordTooShort",
  "passwordMismatch",
  "confirmMismatch",
  // form.ts
  "fixProblems",
  "busy",
  "changed",
  "deleted",
  // error-keys.ts
  "errNotAuthorized",
  "errNotAllowed",
  "errConflict",
  "errPolicy",
  "errResource",
  "errThrottled",
  "errNotAcceptable",
  "errNoMechanism",
  "errServerProof",
  "errUnreachable",
  "errUnknown",
  "errUnexpected",
] as const satisfies readonly string[];

export type MessageKey = (typeof MESSAGE_KEYS)[number];
// every error key has a message
const _all: readonly MessageKey[] = [] as ErrorKey[];
void _all;

export type Messages = Partial<Record<MessageKey, string>>;

/** The i18n id of a message: "errConflict" -> "accountErrConflict". */
export function i18nId(key: MessageKey): string {
  return `account${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

/** The text for a key with its {name} placeholders filled; the bare key when the page has none (a bug the unit test catches). */
export function message(messages: Messages, key: MessageKey, values: Record<string, string | number> = {}): string {
  return fill(messages[key] ?? key, values);
}
