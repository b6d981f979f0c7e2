// The account actions, step by step: open the session, log in (SASL, restart, bind), then change the
// password or delete the account, and close. Returns what the page shows; never throws for what the
// server or the network does (SASL, stanza, stream and connection errors become a "failed" outcome
// with the condition kept). Anything else is a bug and is thrown on.
import { login, type LoginOptions } from "../xmpp/login.ts";
import { SaslError, type Mechanism } from "../xmpp/sasl.ts";
import { changePassword, removeAccount } from "../xmpp/account.ts";
import { StanzaError, StreamError, ConnectionError } from "../xmpp/errors.ts";
import type { Session } from "../xmpp/session.ts";
import { errorKey, streamErrorKey, connectionErrorKey, type ErrorKey } from "./error-keys.ts";

export type Action = { kind: "change"; newPassword: string } | { kind: "delete" };

export interface AccountRequest extends Omit<LoginOptions, "plainAllowed"> {
  action: Action;
}

export type Step = "connect" | "login" | "change" | "delete";

export type Outcome = { kind: "done"; jid: string; mechanism: Mechanism } | { kind: "failed"; key: ErrorKey; condition: string; step: Step };

type Sess = Pick<Session, "features" | "send" | "next" | "restart" | "set" | "close">;

/** The outcome for an error of the server or the network; rethrows anything else (a bug). */
export function failure(e: unknown, step: Step): Outcome & { kind: "failed" } {
  if (e instanceof SaslError) return { kind: "failed", key: errorKey(e.condition), condition: e.condition, step };
  if (e instanceof StanzaError) return { kind: "failed", key: errorKey(e.condition, e.type), condition: e.condition, step };
  if (e instanceof StreamError) return { kind: "failed", key: streamErrorKey(e.condition), condition: e.condition, step };
  if (e instanceof ConnectionError) return { kind: "failed", key: connectionErrorKey(e.failure), condition: e.failure, step };
  throw e;
}

/**
 * Opens a session with `open` (which also says whether PLAIN may be used on it), logs in and runs the
 * action. `onSession` gets the session while it is open (the page closes it when the visitor leaves).
 */
export async function runAccount(open: () => Promise<{ session: Sess; plainAllowed: boolean }>, req: AccountRequest, onSession: (s: Sess | undefined) => void = () => {}): Promise<Outcome> {
  let session: Sess;
  let plainAllowed: boolean;
  try {
    ({ session, plainAllowed } = await open());
  } catch (e) {
    return failure(e, "connect");
  }
  onSession(session);
  try {
    let who: { jid: string; mechanism: Mechanism };
    try {
      who = await login(session, { ...req, plainAllowed });
    } catch (e) {
      return failure(e, "login");
    }
    const step = req.action.kind;
    try {
      await session.set(req.action.kind === "change" ? changePassword(req.username, req.action.newPassword) : removeAccount());
    } catch (e) {
      return failure(e, step);
    }
    return { kind: "done", jid: `${req.username}@${req.domain}`, mechanism: who.mechanism };
  } finally {
    session.close();
    onSession(undefined);
  }
}
