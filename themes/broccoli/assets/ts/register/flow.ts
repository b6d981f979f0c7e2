// The registration, step by step: open the session, the invitation token (if any), the registration
// query, the submission. Returns what the page shows; never throws for what the server or the network
// does (stanza, stream and connection errors become a "failed" outcome). Anything else is a bug and
// is thrown on, for the page to report as such.
import { registrationFeatures } from "../xmpp/framing.ts";
import { registerQuery, parseRegistration, whatIsNeeded, registerSubmit, OWN_FIELDS, type RegistrationInfo } from "../xmpp/ibr.ts";
import { preauth } from "../xmpp/preauth.ts";
import { missingRequired, type DataForm } from "../xmpp/dataform.ts";
import { StanzaError, StreamError, ConnectionError } from "../xmpp/errors.ts";
import type { Session } from "../xmpp/session.ts";
import { errorKey, preauthErrorKey, connectionErrorKey, streamErrorKey, type ErrorKey } from "./error-keys.ts";

export interface RegisterRequest {
  domain: string;
  /** normalized localpart */
  username: string;
  password: string;
  /** invitation token */
  token?: string;
  /** values of extra form fields the visitor filled in, by var */
  extra?: Record<string, string[]>;
}

export type Step = "preauth" | "query" | "submit" | "connect";

export type Outcome =
  | { kind: "registered"; jid: string; instructions: string }
  | { kind: "more"; form: DataForm; instructions: string }
  | { kind: "unsupported"; reason: string; url?: string; instructions: string }
  | { kind: "failed"; key: ErrorKey; condition: string; serverText: string; step: Step };

type Sess = Pick<Session, "features" | "get" | "set">;

/** The outcome for an error of the server or the network; rethrows anything else (a bug). */
function failure(e: unknown, step: Step, map: (condition: string, type: string) => ErrorKey = (c, type) => errorKey(c, true, type)): Outcome & { kind: "failed" } {
  if (e instanceof StanzaError) return { kind: "failed", key: map(e.condition, e.type), condition: e.condition, serverText: e.text, step };
  if (e instanceof StreamError) return { kind: "failed", key: streamErrorKey(e.condition), condition: e.condition, serverText: "", step };
  if (e instanceof ConnectionError) return { kind: "failed", key: connectionErrorKey(e.failure), condition: e.failure, serverText: "", step };
  throw e;
}

export async function runRegistration(s: Sess, req: RegisterRequest): Promise<Outcome> {
  const advertised = registrationFeatures(s.features).register;
  const map = (c: string, type: string) => errorKey(c, advertised, type);
  if (req.token) {
    try {
      await s.set(preauth(req.token));
    } catch (e) {
      return failure(e, "preauth", preauthErrorKey);
    }
  }
  let info: RegistrationInfo;
  try {
    info = parseRegistration(await s.get(registerQuery()));
  } catch (e) {
    return failure(e, "query", map);
  }
  const instructions = info.form?.instructions.join("\n") || info.instructions;
  const need = whatIsNeeded(info);
  if (need.kind === "unsupported") return { kind: "unsupported", reason: need.reason, ...(need.url ? { url: need.url } : {}), instructions };
  if (need.kind === "extra" && (!req.extra || missingRequired(need.form, req.extra).some((v) => !OWN_FIELDS.has(v)))) return { kind: "more", form: need.form, instructions };
  try {
    await s.set(registerSubmit(info, req.username, req.password, need.kind === "extra" ? req.extra : {}));
  } catch (e) {
    return failure(e, "submit", map);
  }
  return { kind: "registered", jid: `${req.username}@${req.domain}`, instructions };
}

/** Opens a session with `open`, registers over it and closes it again. */
export async function register(open: () => Promise<Sess & Pick<Session, "close">>, req: RegisterRequest): Promise<Outcome> {
  let s: Sess & Pick<Session, "close">;
  try {
    s = await open();
  } catch (e) {
    return failure(e, "connect");
  }
  try {
    return await runRegistration(s, req);
  } finally {
    s.close();
  }
}

/**
 * Checks an invitation token before the visitor fills in the form: Prosody answers the preauth iq
 * without using the token up. Returns the error key when the server refuses it, null when it is
 * accepted or the check could not be made (the registration will tell then). Throws only for a bug.
 */
export async function checkInvite(s: Pick<Session, "set">, token: string): Promise<ErrorKey | null> {
  try {
    await s.set(preauth(token));
    return null;
  } catch (e) {
    if (e instanceof StanzaError) return preauthErrorKey(e.condition);
    if (e instanceof StreamError || e instanceof ConnectionError) return null;
    throw e;
  }
}
