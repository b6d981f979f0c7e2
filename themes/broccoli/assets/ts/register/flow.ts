// The registration over an open session, step by step: invitation token (if any), the
// registration query, the submission. Returns what the page shows; never throws for server answers.
import { iq, registrationFeatures } from "./framing.ts";
import { registerQuery, parseRegistration, whatIsNeeded, registerSubmit, OWN_FIELDS, type RegistrationInfo } from "./register.ts";
import { preauth } from "./preauth.ts";
import { errorKey, preauthErrorKey, connectionErrorKey, type ErrorKey } from "./errors.ts";
import { missingRequired, type DataForm } from "./dataform.ts";
import { IqError, ConnectionError, type Session } from "./session.ts";
import { child } from "./xml.ts";

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

export type Outcome =
  | { kind: "registered"; jid: string; instructions: string }
  | { kind: "more"; form: DataForm; instructions: string }
  | { kind: "unsupported"; reason: string; url?: string; instructions: string }
  | { kind: "failed"; key: ErrorKey; condition: string; serverText: string; step: "preauth" | "query" | "submit" | "connect" };

type Sess = Pick<Session, "features" | "request">;

function failure(e: unknown, step: "preauth" | "query" | "submit", map: (c: string, type: string) => ErrorKey): Outcome {
  if (e instanceof IqError) return { kind: "failed", key: map(e.error.condition, e.error.type), condition: e.error.condition, serverText: e.error.text, step };
  if (e instanceof ConnectionError) return { kind: "failed", key: connectionErrorKey(e.failure), condition: e.failure, serverText: "", step };
  throw e;
}

export async function runRegistration(s: Sess, req: RegisterRequest): Promise<Outcome> {
  const advertised = registrationFeatures(s.features).register;
  const map = (c: string, type: string) => errorKey(c, advertised, type);
  if (req.token) {
    try {
      await s.request(iq("set", "", preauth(req.token)));
    } catch (e) {
      return failure(e, "preauth", preauthErrorKey);
    }
  }
  let info: RegistrationInfo;
  try {
    const res = await s.request(iq("get", "", registerQuery()));
    info = parseRegistration(child(res, "query", "jabber:iq:register"));
  } catch (e) {
    return failure(e, "query", map);
  }
  const instructions = info.form?.instructions.join("\n") || info.instructions;
  const need = whatIsNeeded(info);
  if (need.kind === "unsupported") return { kind: "unsupported", reason: need.reason, ...(need.url ? { url: need.url } : {}), instructions };
  if (need.kind === "extra" && (!req.extra || missingRequired(need.form, req.extra).some((v) => !OWN_FIELDS.has(v)))) return { kind: "more", form: need.form, instructions };
  try {
    await s.request(iq("set", "", registerSubmit(info, req.username, req.password, need.kind === "extra" ? req.extra : {})));
  } catch (e) {
    return failure(e, "submit", map);
  }
  return { kind: "registered", jid: `${req.username}@${req.domain}`, instructions };
}

/**
 * Checks an invitation token before the visitor fills in the form: Prosody answers the preauth iq
 * without using the token up. Returns the error key when the server refuses it, null when it is
 * accepted or the check could not be made (the registration will tell then).
 */
export async function checkInvite(s: Pick<Session, "request">, token: string): Promise<ErrorKey | null> {
  try {
    await s.request(iq("set", "", preauth(token)));
    return null;
  } catch (e) {
    if (e instanceof IqError) return preauthErrorKey(e.error.condition);
    return null;
  }
}
