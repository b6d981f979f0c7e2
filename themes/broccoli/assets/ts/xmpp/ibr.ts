// XEP-0077 In-Band Registration (jabber:iq:register): the query, what the server asks for, the submission.
import { el, child, children, text, type XEl } from "./xml.ts";
import { parseForm, submitForm, type DataForm } from "./dataform.ts";
import { isLoopbackHost } from "./names.ts";

export const NS_REGISTER = "jabber:iq:register";
export const NS_OOB = "jabber:x:oob";

export function registerQuery(): XEl {
  return el("query", { xmlns: NS_REGISTER });
}

/** What the server asks for, from the result of the registration query. */
export interface RegistrationInfo {
  instructions: string;
  /** legacy fields named in the query (username, password, email, ...) */
  fields: string[];
  /** the XEP-0004 form, when the server sent one (preferred over the legacy fields) */
  form?: DataForm;
  /** XEP-0066 out-of-band URL: the server wants registration on a web page (only https:, see webLink) */
  oobUrl?: string;
  /** the account already exists on this stream (only after login) */
  registered: boolean;
}

export function parseRegistration(query: XEl | undefined): RegistrationInfo {
  const formEl = children(query, "x", "jabber:x:data")[0];
  const oob = child(query, "x", NS_OOB);
  const fields = children(query)
    .filter((c) => c.ns === NS_REGISTER && !["instructions", "registered", "x"].includes(c.name))
    .map((c) => c.name);
  const info: RegistrationInfo = {
    instructions: text(child(query, "instructions", NS_REGISTER)).trim(),
    fields,
    registered: Boolean(child(query, "registered", NS_REGISTER)),
  };
  if (formEl) info.form = parseForm(formEl);
  const url = webLink(text(child(oob, "url", NS_OOB)));
  if (url) info.oobUrl = url;
  return info;
}

/**
 * A URL from the server that the page may offer as a link: absolute https:, or http: on a loopback host
 * (local tests). Anything else (javascript:, data:, plain http: across a network, a relative or broken
 * URL) gives undefined, and the page offers its own alternative instead.
 */
export function webLink(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return url.href;
  return undefined;
}

/** Fields every registration fills itself (the form type, the account name and password); any other field is an extra the server asks the person for. */
export const OWN_FIELDS = new Set(["FORM_TYPE", "username", "password"]);

export type Need = { kind: "simple" } | { kind: "extra"; form: DataForm } | { kind: "unsupported"; reason: "oob" | "captcha" | "media" | "no-username"; url?: string };

/**
 * Can this page register with what the server asked for? Only username and password: simple.
 * More fields of kinds the page can render: extra. A CAPTCHA, media or only a web link: unsupported.
 */
export function whatIsNeeded(info: RegistrationInfo): Need {
  const form = info.form;
  if (form) {
    if (form.formType === "urn:xmpp:captcha") return { kind: "unsupported", reason: "captcha", ...(info.oobUrl ? { url: info.oobUrl } : {}) };
    if (form.fields.some((f) => f.media)) return { kind: "unsupported", reason: "media", ...(info.oobUrl ? { url: info.oobUrl } : {}) };
    if (!form.fields.some((f) => f.var === "username") || !form.fields.some((f) => f.var === "password")) {
      return info.oobUrl ? { kind: "unsupported", reason: "oob", url: info.oobUrl } : { kind: "unsupported", reason: "no-username" };
    }
    const extra = form.fields.filter((f) => !OWN_FIELDS.has(f.var) && f.type !== "hidden" && f.type !== "fixed");
    return extra.length ? { kind: "extra", form } : { kind: "simple" };
  }
  if (!info.fields.includes("username") || !info.fields.includes("password")) {
    return info.oobUrl ? { kind: "unsupported", reason: "oob", url: info.oobUrl } : { kind: "unsupported", reason: "no-username" };
  }
  const extra = info.fields.filter((f) => f !== "username" && f !== "password");
  if (extra.length) {
    // legacy extra fields become a form of text fields (XEP-0077 lists their meanings)
    return {
      kind: "extra",
      form: {
        type: "form",
        title: "",
        instructions: [],
        formType: NS_REGISTER,
        fields: extra.map((v) => ({ var: v, type: "text-single", label: "", required: true, values: [], options: [], media: false })),
      },
    };
  }
  return { kind: "simple" };
}

/**
 * The registration set: a submitted data form when the server sent a form (values of extra fields
 * included), the legacy <username/><password/> elements otherwise.
 */
export function registerSubmit(info: RegistrationInfo, username: string, password: string, extra: Record<string, string[]> = {}): XEl {
  if (info.form) {
    return el("query", { xmlns: NS_REGISTER }, submitForm(info.form, { ...extra, username: [username], password: [password] }));
  }
  const legacy = Object.entries(extra).map(([k, v]) => el(k, {}, v.join("\n")));
  return el("query", { xmlns: NS_REGISTER }, el("username", {}, username), el("password", {}, password), ...legacy);
}
