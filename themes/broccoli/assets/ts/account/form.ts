// The account page's controller (DOM edge): two forms, "change the password" and "delete the
// account". Each checks its input (validate.ts), logs in over a fresh session and runs its action
// (flow.ts), and shows the outcome in the visitor's words. Nothing is stored: passwords live only in
// the inputs and the one exchange, and are cleared after every attempt; the address stays. Leaving
// the page (pagehide) closes a session that is still open.
import { changeProblems, deleteProblems, localpart, type Problem } from "./validate.ts";
import { runAccount, type Action, type Outcome } from "./flow.ts";
import { message, type MessageKey } from "./message-keys.ts";
import { openSession, type AccountPage } from "./page.ts";

export function initAccountForms(page: AccountPage): void {
  const { root, messages, domain } = page;
  const msg = (key: MessageKey, values: Record<string, string | number> = {}) => message(messages, key, values);
  let active: { close(): void } | undefined;
  addEventListener("pagehide", () => active?.close());

  for (const form of root.querySelectorAll<HTMLFormElement>("form[data-account-form]")) {
    const kind = form.dataset.accountForm === "delete" ? "delete" : "change";
    const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
    const value = (name: string) => input(name)?.value ?? "";
    const submit = form.querySelector<HTMLButtonElement>("[data-submit]");
    const status = form.querySelector<HTMLElement>("[data-status]");
    const problem = form.querySelector<HTMLElement>("[data-problem]");
    const summary = form.querySelector<HTMLElement>("[data-summary]");

    const setFieldError = (name: string, text: string | null) => {
      const control = input(name);
      const err = control?.closest("[data-field]")?.querySelector<HTMLElement>("[data-error]");
      if (!control || !err) return;
      err.textContent = text ?? "";
      err.hidden = !text;
      if (text) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    };
    const clearPasswords = () => {
      for (const el of form.querySelectorAll<HTMLInputElement>("input[type=password]")) el.value = "";
    };
    const reset = () => {
      for (const el of form.querySelectorAll<HTMLInputElement>("input")) setFieldError(el.name, null);
      if (summary) summary.hidden = true;
      if (problem) problem.hidden = true;
      if (status) status.textContent = "";
    };
    const showProblems = (problems: Problem[]) => {
      for (const [field, key] of problems) setFieldError(field, msg(key, { min: page.minPassword, domain }));
      if (summary) {
        summary.textContent = msg("fixProblems");
        summary.hidden = false;
      }
      input(problems[0]![0])?.focus();
    };
    const show = (o: Outcome, jid: string) => {
      clearPasswords();
      if (o.kind === "failed") {
        if (problem) {
          problem.textContent = msg(o.key, { jid });
          problem.dataset.condition = o.condition;
          problem.hidden = false;
        }
        if (o.key === "errNotAuthorized") setFieldError("password", msg(o.key, { jid }));
        return;
      }
      // a screen reader hears it in the status region; the deleted account's forms are of no use now
      root.dataset.mechanism = o.mechanism;
      if (kind === "delete") {
        const done = root.querySelector<HTMLElement>("[data-deleted]");
        for (const f of root.querySelectorAll<HTMLFormElement>("form[data-account-form]")) {
          f.reset();
          f.hidden = true;
        }
        if (done) {
          done.querySelector<HTMLElement>("[data-deleted-text]")!.textContent = msg("deleted", { jid: o.jid });
          done.hidden = false;
          done.focus();
        }
      } else if (status) {
        status.textContent = msg("changed", { jid: o.jid });
      }
    };

    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (submit?.disabled) return;
      reset();
      const problems =
        kind === "change"
          ? changeProblems({ jid: value("jid"), password: value("password"), newPassword: value("newPassword"), newPassword2: value("newPassword2") }, domain, page.minPassword)
          : deleteProblems({ jid: value("jid"), password: value("password"), confirm: value("confirm") }, domain);
      if (problems.length) {
        if (problems.some(([f]) => f.toLowerCase().includes("password"))) clearPasswords();
        showProblems(problems);
        return;
      }
      const username = localpart(value("jid"), domain) as string;
      const jid = `${username}@${domain}`;
      const action: Action = kind === "change" ? { kind: "change", newPassword: value("newPassword") } : { kind: "delete" };
      const password = value("password");
      if (submit) submit.disabled = true;
      if (status) status.textContent = msg("busy");
      void (async () => {
        try {
          const o = await runAccount(
            () => openSession(page),
            { domain, lang: page.lang, username, password, action },
            (s) => (active = s),
          );
          if (status) status.textContent = "";
          show(o, jid);
        } catch (e) {
          // not the server, not the network: a bug in this page
          console.error("account:", e);
          if (status) status.textContent = "";
          show({ kind: "failed", key: "errUnexpected", condition: "", step: "connect" }, jid);
        } finally {
          if (submit) submit.disabled = false;
        }
      })();
    });
  }
}
