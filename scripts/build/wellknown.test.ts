import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveConfig } from "../config/config.ts";
import { Problem } from "../config/problem.ts";
import { writeWellKnown, securityTxt } from "./wellknown.ts";
import { REL_BOSH, REL_WEBSOCKET } from "../../themes/broccoli/assets/ts/xmpp/names.ts";

const cfg = await resolveConfig();

async function written() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "wk-"));
  const files = await writeWellKnown(dir, cfg);
  const read = (p: string) => fs.readFile(path.join(dir, ".well-known", p), "utf8");
  return { dir, files, read };
}

test("host-meta (XRD) lists the BOSH and websocket endpoints from config", async () => {
  const { read } = await written();
  const xml = await read("host-meta");
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<XRD xmlns="http:\/\/docs\.oasis-open\.org\/ns\/xri\/xrd-1\.0">/);
  const links = [...xml.matchAll(/<Link rel="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(links, [
    [REL_BOSH, "https://magicbroccoli.de/http-bind"],
    [REL_WEBSOCKET, "wss://magicbroccoli.de/xmpp-websocket"],
  ]);
});

test("host-meta.json (JRD) agrees with host-meta", async () => {
  const { read } = await written();
  const jrd = JSON.parse(await read("host-meta.json")) as { links: { rel: string; href: string }[] };
  assert.deepEqual(jrd.links, [
    { rel: REL_BOSH, href: cfg.params.xmpp.bosh },
    { rel: REL_WEBSOCKET, href: cfg.params.xmpp.websocket },
  ]);
});

test("provider file has every field with the right type and absolute URLs", async () => {
  const { read } = await written();
  const p = JSON.parse(await read("xmpp-provider-v2.json")) as Record<string, unknown>;
  const types: Record<string, string> = {
    website: "langmap",
    alternativeJids: "strings",
    busFactor: "integer",
    organization: "string",
    passwordReset: "langmap",
    serverTesting: "boolean",
    maximumHttpFileUploadTotalSize: "integer",
    maximumHttpFileUploadStorageTime: "integer",
    maximumMessageArchiveManagementStorageTime: "integer",
    professionalHosting: "boolean",
    freeOfCharge: "boolean",
    legalNotice: "langmap",
    serverLocations: "strings",
    since: "date",
  };
  assert.deepEqual(Object.keys(p).sort(), Object.keys(types).sort());
  for (const [k, t] of Object.entries(types)) {
    const v = p[k];
    if (t === "integer") assert.ok(Number.isInteger(v), k);
    else if (t === "boolean") assert.equal(typeof v, "boolean", k);
    else if (t === "string") assert.equal(typeof v, "string", k);
    else if (t === "date") assert.match(String(v), /^\d{4}-\d{2}-\d{2}$/, k);
    else if (t === "strings") assert.ok(Array.isArray(v) && v.every((x) => typeof x === "string"), k);
    else for (const url of Object.values(v as Record<string, string>)) assert.match(url, /^https:\/\/magicbroccoli\.de\//, k);
  }
  assert.deepEqual(p.website, { de: "https://magicbroccoli.de/", en: "https://magicbroccoli.de/en/" });
  assert.equal(p.since, "2017-06-27");
});

test("security.txt has Contact, Expires and Canonical (RFC 9116)", async () => {
  const { read } = await written();
  const txt = await read("security.txt");
  assert.match(txt, /^Contact: mailto:admin@magicbroccoli\.de$/m);
  assert.match(txt, /^Expires: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/m);
  assert.match(txt, /^Canonical: https:\/\/magicbroccoli\.de\/\.well-known\/security\.txt$/m);
});

test("an expired security.txt date fails instead of publishing an invalid file", () => {
  assert.throws(
    () => securityTxt(cfg, new Date(cfg.params.security.expires.getTime() + 1000)),
    (e: unknown) => e instanceof Problem && /params\.security\.expires/.test(e.message),
  );
});

test("provider links to pages the build did not render are reported", async () => {
  const warnings: string[] = [];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "wk-"));
  await writeWellKnown(dir, cfg, (m) => warnings.push(m));
  assert.ok(
    warnings.some((w) => w.includes("params.provider.legalNotice.de")),
    warnings.join("\n"),
  );
});
