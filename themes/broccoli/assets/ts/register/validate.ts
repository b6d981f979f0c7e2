// Checks of the form's input before anything is sent. Each problem is a message key of the
// i18n block "register" (the page passes the translated texts through data- attributes).
import { XML_FORBIDDEN_CHAR } from "../xmpp/xml.ts";

export interface Limits {
  /** params.register.minPasswordLength */
  minPasswordLength: number;
  /** params.register.maxUsernameLength (characters); RFC 7622 caps a localpart at 1023 bytes anyway */
  maxUsernameLength: number;
}

/**
 * The limits as register/form.html writes them (data-min-password, data-max-username, from
 * params.register); null when one is missing or not a positive number. The template renders the form
 * only when both params are set, so null means a broken page: there is no default to fall back to.
 */
export function parseLimits(minPassword: string | undefined, maxUsername: string | undefined): Limits | null {
  // Number() of a missing or blank attribute is NaN or 0
  const minPasswordLength = Number(minPassword);
  const maxUsernameLength = Number(maxUsername);
  const ok = (n: number) => n > 0 && n < Infinity;
  return ok(minPasswordLength) && ok(maxUsernameLength) ? { minPasswordLength, maxUsernameLength } : null;
}

export type UsernameProblem = "usernameEmpty" | "usernameChars" | "usernameSpace" | "usernameTooLong";
export type PasswordProblem = "passwordEmpty" | "passwordChars" | "passwordTooShort" | "passwordMismatch";
export type Problem = UsernameProblem | PasswordProblem | "termsRequired";
/** a problem of a field the server asked for (its var) */
export type ExtraProblem = "fieldRequired" | "fieldChars";

/** Characters RFC 7622 (3.3.1) and nodeprep forbid in a localpart. */
export const FORBIDDEN = ['"', "&", "'", "/", ":", "<", ">", "@"] as const;

const SPACE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const MAX_LOCALPART_BYTES = 1023;

/**
 * The localpart as the server will store it: Unicode NFKC and lower case, the way Prosody's
 * nodeprep (and PRECIS UsernameCaseMapped) maps it for the common cases. Leading and trailing
 * spaces a phone keyboard adds are removed first.
 */
export function normalizeUsername(input: string): string {
  return input.trim().normalize("NFKC").toLowerCase();
}

/** The forbidden characters found in a username, each once, in order of appearance. */
export function forbiddenChars(username: string): string[] {
  const found: string[] = [];
  for (const ch of username) {
    if ((FORBIDDEN as readonly string[]).includes(ch) || CONTROL.test(ch) || XML_FORBIDDEN_CHAR.test(ch)) {
      if (!found.includes(ch)) found.push(ch);
    }
  }
  return found;
}

/**
 * True when the text holds a character XML 1.0 cannot carry (C0 controls other than tab, line feed and
 * carriage return, U+FFFE, U+FFFF, a surrogate without its pair). Sent to the server, such a character
 * ends the stream as not-well-formed; a password manager or a paste can put one into a field.
 */
export function hasXmlForbiddenChar(text: string): boolean {
  return XML_FORBIDDEN_CHAR.test(text);
}

/** A character as the visitor can read it in a message: itself, or U+XXXX when it is invisible (a control). */
export function visibleChar(ch: string): string {
  return CONTROL.test(ch) || XML_FORBIDDEN_CHAR.test(ch) ? `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}` : ch;
}

export function checkUsername(input: string, limits: Limits): UsernameProblem | null {
  const u = normalizeUsername(input);
  if (u === "") return "usernameEmpty";
  if (SPACE.test(u)) return "usernameSpace";
  if (forbiddenChars(u).length) return "usernameChars";
  if ([...u].length > limits.maxUsernameLength || new TextEncoder().encode(u).length > MAX_LOCALPART_BYTES) return "usernameTooLong";
  return null;
}

export function checkPassword(password: string, limits: Limits): PasswordProblem | null {
  if (password === "") return "passwordEmpty";
  if (hasXmlForbiddenChar(password)) return "passwordChars";
  if ([...password].length < limits.minPasswordLength) return "passwordTooShort";
  return null;
}

export interface FormInput {
  username: string;
  password: string;
  password2: string;
  terms: boolean;
}

/** Every field's first problem (fields without a problem are absent). */
export function validate(input: FormInput, limits: Limits): Partial<Record<keyof FormInput, Problem>> {
  const out: Partial<Record<keyof FormInput, Problem>> = {};
  const u = checkUsername(input.username, limits);
  if (u) out.username = u;
  const p = checkPassword(input.password, limits);
  if (p) out.password = p;
  else if (input.password !== input.password2) out.password2 = "passwordMismatch";
  if (!input.terms) out.terms = "termsRequired";
  return out;
}

/** The vars of the extra fields whose values hold a character XML cannot carry, in form order. */
export function extraWithForbiddenChars(extra: Record<string, string[]>): string[] {
  return Object.keys(extra).filter((v) => (extra[v] ?? []).some(hasXmlForbiddenChar));
}

/**
 * Every field to mark, in the order the visitor meets them (the first gets the focus): the form's own
 * fields, then the fields the server asked for (named x:VAR in the form): required ones still empty,
 * and ones holding a character XML cannot carry (`badExtra`); the terms last.
 */
export function formProblems(input: FormInput, limits: Limits, missingExtra: string[] = [], badExtra: string[] = []): Array<[field: string, problem: Problem | ExtraProblem]> {
  const own = validate(input, limits);
  const out: Array<[string, Problem | ExtraProblem]> = [];
  for (const f of ["username", "password", "password2"] as const) {
    const p = own[f];
    if (p) out.push([f, p]);
  }
  for (const v of missingExtra) out.push([`x:${v}`, "fieldRequired"]);
  for (const v of badExtra) if (!missingExtra.includes(v)) out.push([`x:${v}`, "fieldChars"]);
  if (own.terms) out.push(["terms", own.terms]);
  return out;
}
