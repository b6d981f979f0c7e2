// The messages the sign-up form's script shows, by key. Hugo writes their translated texts into the
// form's data-messages (layouts/partials/register/form.html lists the same keys); each key's text is
// the i18n id register<Key> ("errConflict" -> registerErrConflict) of themes/broccoli/i18n/*.toml.
// message-keys.test.ts checks this list against the template and both i18n files.

export const MESSAGE_KEYS = [
  // validate.ts: problems of the input
  "usernameEmpty",
  "usernameChars",
  "usernameSpace",
  "usernameTooLong",
  "passwordEmpty",
  "passwordChars",
  "passwordTooShort",
  "passwordMismatch",
  "termsRequired",
  "fieldRequired",
  "fieldChars",
  // form.ts
  "fixProblems",
  "serverSaid",
  "busy",
  // error-keys.ts: what the visitor is told when a registration fails
  "errConflict",
  "errNotAcceptable",
  "errClosed",
  "errTooMany",
  "errUnavailable",
  "errUnreachable",
  "errInviteInvalid",
  "errUnsupported",
  "errUnknown",
  "errUnexpected",
  // form.ts: the server asks for more fields
  "extraIntro",
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

/** The i18n id of a message: "errConflict" -> "registerErrConflict". */
export function i18nId(key: MessageKey): string {
  return `register${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}
