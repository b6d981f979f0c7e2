// The registration form's controller (DOM edge): reads limits and translated messages from the
// data- attributes Hugo wrote, checks the input, discovers the WebSocket endpoint (XEP-0156),
// registers (flow.ts) and shows the outcome. Passwords live only in the inputs and the one
// registration request; they are never stored or logged and are cleared after every attempt.
import { validate, normalizeUsername, forbiddenChars, fill, type Limits, type Problem } from "./validate.ts";
import { discoverWebsocket } from "./hostmeta.ts";
import { Session, ConnectionError, type SocketLike } from "./session.ts";
import { runRegistration, type Outcome } from "./flow.ts";
import { missingRequired, type DataForm } from "./dataform.ts";
import { renderExtraFields, readExtraFields } from "./form-fields.ts";

export interface RegisterPage {
  root: HTMLElement;
  domain: string;
  lang: string;
  limits: Limits;
  messages: Record<string, string>;
}

export function readPage(root: HTMLElement): RegisterPage {
  const d = root.dataset;
  let messages: Record<string, string> = {};
  try {
    messages = JSON.parse(d.messages ?? "{}") as Record<string, string>;
  } catch {
    /* keep the keys as text below */
  }
  return {
    root,
    domain: d.domain ?? location.hostname,
    lang: d.lang ?? document.documentElement.lang,
    limits: { minPasswordLength: Number(d.minPassword) || 8, maxUsernameLength: Number(d.maxUsername) || 64 },
    messages,
  };
}

const socketFactory = (url: string, protocol: string): SocketLike => new WebSocket(url, protocol) as unknown as SocketLike;

/** Finds the server's WebSocket through the site's own host-meta (XEP-0156) and opens a stream. */
export async function openSession(page: RegisterPage): Promise<Session> {
  const ws = await discoverWebsocket(location.origin, (u) => fetch(u, { credentials: "omit" }));
  if (!ws) throw new ConnectionError("discovery", "no websocket endpoint in host-meta");
  return Session.open(ws, page.domain, { socket: socketFactory, lang: page.lang });
}

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
  const msg = (key: string, values: Record<string, string | number> = {}) => fill(messages[key] ?? key, values);
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
  const problemText = (p: Problem) =>
    msg(p, { min: page.limits.minPasswordLength, max: page.limits.maxUsernameLength, chars: forbiddenChars(normalizeUsername(username.value)).join(" ") });

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
  const clearPasswords = () => {
    password.value = "";
    password2.value = "";
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
      renderExtraFields(root.querySelector<HTMLElement>("[data-extra-fields]")!, out.form);
      const ins = extraBox.querySelector<HTMLElement>("[data-instructions]")!;
      ins.textContent = out.instructions;
      ins.hidden = !out.instructions;
      extraBox.hidden = false;
      showProblem(msg("extraIntro"));
      extraBox.querySelector<HTMLElement>("input, select, textarea")?.focus();
      return;
    }
    clearPasswords();
    if (out.kind === "unsupported") {
      showProblem(msg("errUnsupported"), out.instructions, out.url ?? `xmpp:${page.domain}?register`);
      return;
    }
    showProblem(msg(out.key, { username: name }), out.serverText);
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
    const problems = validate({ username: username.value, password: password.value, password2: password2.value, terms: terms.checked }, page.limits);
    const extra = extraForm ? readExtraFields(extraForm, form) : undefined;
    const missing = extraForm && extra ? missingRequired(extraForm, extra).filter((v) => v !== "username" && v !== "password") : [];
    for (const [field, p] of Object.entries(problems)) setFieldError(field, problemText(p));
    for (const v of missing) setFieldError(`x:${v}`, msg("fieldRequired"));
    const names = [...Object.keys(problems), ...missing.map((v) => `x:${v}`)];
    if (names.length) {
      if (problems.password || problems.password2) clearPasswords();
      summary.textContent = msg("fixProblems");
      summary.hidden = false;
      const first = ["username", "password", "password2", ...missing.map((v) => `x:${v}`), "terms"].find((n) => names.includes(n));
      fieldOf(first ?? "")?.querySelector<HTMLElement>("input, select, textarea")?.focus();
      return;
    }
    const name = normalizeUsername(username.value);
    username.value = name;
    const pw = password.value;
    busy(true);
    void (async () => {
      let session: Session | undefined;
      try {
        session = await openSession(page);
        const out = await runRegistration(session, { domain: page.domain, username: name, password: pw, ...(opts.token ? { token: opts.token } : {}), ...(extra ? { extra } : {}) });
        showOutcome(out, name);
      } catch (e) {
        if (!(e instanceof ConnectionError)) console.warn("registration:", (e as Error).message);
        showOutcome({ kind: "failed", key: "errUnreachable", condition: "unreachable", serverText: "", step: "connect" }, name);
      } finally {
        session?.close();
        busy(false);
      }
    })();
  });
}

/**
 * Has the theme's QR bundle (qr.ts: qrcode-generator) draw the code into el from its data-qr.
 * Pages that show a QR code at once load qr.js themselves; the register page shows one only after
 * success, so it names the bundle in data-qr-src/-integrity and it is fetched then (same origin, SRI).
 * Without it, the link beside the box stays alone.
 */
export function requestQr(el: HTMLElement, bundle?: { src: string; integrity: string }): void {
  const ask = () => el.dispatchEvent(new Event("broccoli:qr", { bubbles: true }));
  if (!bundle?.src || document.querySelector(`script[src="${CSS.escape(bundle.src)}"]`)) {
    ask();
    return;
  }
  const script = document.createElement("script");
  script.src = bundle.src;
  if (bundle.integrity) script.integrity = bundle.integrity;
  script.addEventListener("load", ask);
  document.head.append(script);
}

export function showSuccess(page: RegisterPage, jid: string): void {
  const { root } = page;
  const form = root.querySelector<HTMLFormElement>("[data-register-form]");
  const success = root.querySelector<HTMLElement>("[data-success]");
  if (!success) return;
  form?.reset();
  if (form) form.hidden = true;
  const uri = `xmpp:${jid}`;
  success.querySelector<HTMLElement>("[data-jid]")!.textContent = jid;
  const link = success.querySelector<HTMLAnchorElement>("[data-jid-link]")!;
  link.href = uri;
  link.textContent = uri;
  const qr = success.querySelector<HTMLElement>("[data-success-qr]");
  if (qr) {
    qr.dataset.qr = uri;
    qr.dataset.qrLabel = fill(qr.dataset.qrLabelTemplate ?? uri, { uri });
    requestQr(qr, { src: qr.dataset.qrSrc ?? "", integrity: qr.dataset.qrIntegrity ?? "" });
  }
  success.hidden = false;
  success.focus();
}
