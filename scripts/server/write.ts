// --write: what the check found, as data/server.toml, for the theme (the xeps shortcode says "checked
// against the server on <date>" and marks the XEPs the server did not advertise). serverToml is pure.
import { promises as fs } from "node:fs";
import path from "node:path";
import TOML from "@iarna/toml";
import type { ServerFacts } from "./queries.ts";
import type { Outcome } from "./compare.ts";

/** The text of data/server.toml; `checked` is the date of the check (YYYY-MM-DD). */
export function serverToml(f: ServerFacts, o: Outcome, checked: string): string {
  const doc = {
    checked,
    domain: f.domain,
    ...(f.version ? { software: { ...f.version } } : {}),
    xeps: { advertised: o.xeps.advertised, missing: o.xeps.missing, unchecked: o.xeps.unchecked },
    registration: { open: f.registration.streamFeature },
    ...(f.upload ? { upload: { service: f.upload.jid, ...(f.upload.maxFileSize !== undefined ? { maxFileSize: f.upload.maxFileSize } : {}) } } : {}),
    contacts: f.contacts,
    components: f.components.map((c) => ({ jid: c.jid, identities: (c.info?.identities ?? []).map((i) => `${i.category}/${i.type}`) })),
  };
  const head = [
    "# Written by `npm run verify-server -- --write`: what the XMPP server advertised when the site's claims",
    "# were last checked against it. Do not edit; run the check again. The xeps shortcode reads it.",
    "",
  ].join("\n");
  return head + TOML.stringify(doc as unknown as TOML.JsonMap);
}

/** Writes the text to `file` (data/server.toml) in one rename, so the site never reads half a file. */
export async function writeServerToml(file: string, text: string): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
  return file;
}
