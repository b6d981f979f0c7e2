// The registration form's controller (DOM edge): checks the input (validate.ts), registers over a
// session to the site's XMPP server (flow.ts) and shows the outcome in the visitor's words
// (messages.ts). Passwords live only in the inputs and the one registration request; they are never
// stored or logged and are cleared after every attempt.
import { formProblems, normalizeUsername, forbiddenChars, visibleChar, extraWithForbiddenChars, type Problem, type ExtraProblem } from "./validate.ts";
import { OWN_FIELDS } from "../xmpp/ibr.ts";
import { missingRequired, type DataForm } from "../xmpp/dataform.ts";
import { register, type Outcome } from "./flow.ts";
import type { ErrorKey } from "./error-keys.ts";
import { renderExtraFields, readExtraFields } from "./fields.ts";
import { message } from "./messages.ts";
import type { MessageKey } from "./message-keys.ts";
import { showSuccess } from "./success.ts";
import { openSession, type RegisterPage } from "./page.ts";

export interface RegisterOptions {
  /** invitation token (invite page) */
  token?: string;
  /** pre-fills the username (an invitation naming the account) */
  username?: string;
  /** called after a successful registration */
  onRegistered?: (jid: string) => void;
}

export function initRegisterForm(page: RegisterPage, opts: RegisterOptions = {}): void {
  const { root, messages } = page;
  const form = root.querySelector<HTMLFormElement>("[data-register-form]");
  if (!form) return;
  const $ = <T extends Element>(sel: string) => form.querySelector<T>(sel) as T;
  const msg = (key: MessageKey, values: Record<string, string | number> = {}) => message(messages, key, values);
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const username = input("username");
  const password = input("password");
  const password2 = input("password2");
  const terms = input("terms");
  const submit = $<HTMLButtonElement>("[data-submit]");
  const status = $<HTMLElement>("[data-status]");
  const summary = $<HTMLElement>("[data-summary]");
  const problem = $<HTMLElement>("[data-problem]");
  const extraBox = $<HTMLElement>("[data-extra]");
  let extraForm: DataForm | undefined;
  if (opts.username) username.value = opts.username;

  const fieldOf = (name: string) => form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
  const setFieldError = (name: string, text: string | null) => {
    const field = fieldOf(name);
    if (!field) return;
    const err = field.querySelector<HTMLElement>("[data-error]");
    const control = field.querySelector<HTMLElement>("input, select, textarea");
    if (err) {
      err.textContent = text ?? "";
      err.hidden = !text;
    }
    if (text) control?.setAttribute("aria-invalid", "true");
    else control?.removeAttribute("aria-invalid");
  };
  const clearErrors = () => {
    form.querySelectorAll<HTMLElement>("[data-field]").forEach((f) => setFieldError(f.dataset.field ?? "", null));
    summary.hidden = true;
    summary.textContent = "";
    problem.hidden = true;
  };
  const showProblem = (text: string, detail = "", alternative?: string) => {
    problem.querySelector<HTMLElement>("[data-problem-text]")!.textContent = text;
    const det = problem.querySelector<HTMLElement>("[data-problem-detail]")!;
    det.textContent = detail ? msg("serverSaid", { text: detail }) : "";
    det.hidden = !detail;
    const alt = problem.querySelector<HTMLElement>("[data-problem-alternative]")!;
    alt.hidden = alternative === undefined;
    if (alternative) alt.querySelector<HTMLAnchorElement>("a")!.href = alternative;
    problem.hidden = false;
  };
  const { limits } = page;
  if (!limits) {
    // a bug of the page (readPage has said which attribute): no guessed limits, the form stays disabled
    for (const el of form.elements) (el as HTMLInputElement).disabled = true;
    form.hidden = false;
    showProblem(msg("errUnexpected"));
    return;
  }
  const problemText = (p: Problem | ExtraProblem) =>
    msg(p, { min: limits.minPasswordLength, max: limits.maxUsernameLength, chars: forbiddenChars(normalizeUsername(username.value)).map(visibleChar).join(" ") });
  const clearPasswords = () => {
    password.value = "";
    password2.value = "";
  };
  const showFailure = (key: ErrorKey, name: string, serverText = "") => {
    clearPasswords();
    showProblem(msg(key, { username: name }), serverText);
  };
  const busy = (on: boolean) => {
    submit.disabled = on;
    form.setAttribute("aria-busy", String(on));
    status.textContent = on ? msg("busy") : "";
  };

  const showOutcome = (out: Outcome, name: string) => {
    if (out.kind === "registered") {
      showSuccess(page, out.jid);
      opts.onRegistered?.(out.jid);
      return;
    }
    if (out.kind === "more") {
      // nothing was submitted yet (only the question what the server needs): the passwords stay
      extraForm = out.form;
      renderExtraFields(root.querySelector<HTMLElement>("[data-extra-fields]")!, root.querySelector<HTMLTemplateElement>("template[data-field-template]")!, out.form);
      const ins = extraBox.querySelector<HTMLElement>("[data-instructions]")!;
      ins.textContent = out.instructions;
      ins.hidden = !out.instructions;
      extraBox.hidden = false;
      showProblem(msg("extraIntro"));
      extraBox.querySelector<HTMLElement>("input, select, textarea")?.focus();
      return;
    }
    if (out.kind === "unsupported") {
      clearPasswords();
      showProblem(msg("errUnsupported"), out.instructions, out.url ?? `xmpp:${page.domain}?register`);
      return;
    }
    showFailure(out.key, name, out.serverText);
    if (out.key === "errConflict") {
      setFieldError("username", msg(out.key, { username: name }));
      username.focus();
    }
  };

  form.hidden = false;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const extra = extraForm ? readExtraFields(extraForm, form) : undefined;
    const missing = extraForm && extra ? missingRequired(extraForm, extra).filter((v) => !OWN_FIELDS.has(v)) : [];
    const badChars = extra ? extraWithForbiddenChars(extra) : [];
    const problems = formProblems({ username: username.value, password: password.value, password2: password2.value, terms: terms.checked }, limits, missing, badChars);
    for (const [field, p] of problems) setFieldError(field, problemText(p));
    if (problems.length) {
      if (problems.some(([field]) => field === "password" || field === "password2")) clearPasswords();
      summary.textContent = msg("fixProblems");
      summary.hidden = false;
      fieldOf(problems[0]![0])?.querySelector<HTMLElement>("input, select, textarea")?.focus();
      return;
    }
    const name = normalizeUsername(username.value);
    username.value = name;
    const pw = password.value;
    busy(true);
    void (async () => {
      try {
        showOutcome(await register(() => openSession(page), { domain: page.domain, username: name, password: pw, ...(opts.token ? { token: opts.token } : {}), ...(extra ? { extra } : {}) }), name);
      } catch (e) {
        // not the server, not the network: a bug in this page. Say so, and leave the details to the console.
        console.error("registration:", e);
        showFailure("errUnexpected", name);
      } finally {
        busy(false);
      }
    })();
  });
}
