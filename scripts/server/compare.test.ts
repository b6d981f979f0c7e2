import { test } from "node:test";
import assert from "node:assert/strict";
import { compare, seen } from "./compare.ts";
import { MIB, type SiteClaims, type XepClaim } from "./claims.ts";
import { facts } from "./fixtures.test-data.ts";

const xep = (number: string, module = "x"): XepClaim => ({ number, name: `Name ${number}`, module, line: 1 });
const provider = { maximumHttpFileUploadTotalSize: 0, maximumHttpFileUploadStorageTime: 0, maximumMessageArchiveManagementStorageTime: 0 } as SiteClaims["provider"];
const claims = (over: Partial<SiteClaims> = {}): SiteClaims => ({
  domain: "example.org",
  xeps: [xep("0280", "carbons"), xep("0363", "http_file_share"), xep("0077", "register_ibr"), xep("0198", "smacks")],
  contacts: { admin: ["xmpp:op@example.org", "mailto:op@example.org"], support: ["xmpp:help@chat.example.org?join"], security: ["mailto:op@example.org"] },
  uploadMaxFileSize: 10 * MIB,
  provider,
  ...over,
});
const errors = (o: ReturnType<typeof compare>) => o.findings.filter((f) => f.level === "error").map((f) => `${f.subject}: ${f.message}`);

test("claims that hold: no error; advertised XEPs counted; a hint for what the site does not list", () => {
  const o = compare(facts(), claims(), {});
  assert.deepEqual(errors(o), []);
  assert.deepEqual(o.xeps, { advertised: ["0280", "0363", "0077", "0198"], missing: [], unchecked: [] });
  assert.ok(o.findings.some((f) => f.level === "hint" && f.subject === "XEP-0199"));
});

test("a claimed feature the server does not advertise is an error naming the XEP and the namespace", () => {
  const f = facts();
  f.domainInfo.features = f.domainInfo.features.filter((x) => x !== "urn:xmpp:carbons:2");
  assert.deepEqual(errors(compare(f, claims(), {})), ["XEP-0280: Name 0280: listed in data/xeps.toml (module carbons), but the server does not advertise urn:xmpp:carbons:2"]);
});

test("a claim without a module is a warning; one only DNS shows is a note; one verify-server does not know a warning", () => {
  const o = compare(facts(), claims({ xeps: [xep("0033", ""), xep("0368", "c2s"), xep("9999")] }), {});
  assert.deepEqual(errors(o), []);
  assert.deepEqual(
    o.findings.filter((f) => f.subject.startsWith("XEP-0033") || f.subject === "XEP-0368" || f.subject === "XEP-9999").map((f) => f.level),
    ["warning", "warning", "note"],
  );
  assert.deepEqual(o.xeps, { advertised: [], missing: ["0033"], unchecked: ["0368", "9999"] });
});

test("BOSH and host-meta: checked only when the check came through a host-meta", () => {
  const c = claims({ xeps: [xep("0124", "bosh"), xep("0156", "")] });
  assert.deepEqual(compare(facts(), c, {}).xeps.unchecked, ["0124", "0156"]);
  assert.deepEqual(compare(facts(), c, { hostMeta: "hm", bosh: { url: "https://example.org/http-bind", status: 200 } }).xeps.advertised, ["0124", "0156"]);
  assert.deepEqual(errors(compare(facts(), c, { hostMeta: "hm", bosh: { url: "https://example.org/http-bind", status: 502 } })), [
    "XEP-0124: Name 0124: listed in data/xeps.toml (module bosh), but the BOSH link https://example.org/http-bind answers HTTP 502",
  ]);
  assert.equal(seen("bosh", facts(), { hostMeta: "hm" }), false);
});

test("an upload limit that differs from hugo.toml is an error naming both values", () => {
  assert.deepEqual(errors(compare(facts(), claims({ uploadMaxFileSize: 100 * MIB }), {})), [
    "upload: max-file-size differs: the server (upload.example.org) allows 10485760 bytes (10 MiB) per file, hugo.toml params.provider.maximumHttpFileUploadFileSize says 100 MiB",
  ]);
  assert.deepEqual(errors(compare(facts({ upload: { jid: "upload.example.org" } }), claims({ uploadMaxFileSize: 0 }), {})), [], "no limit on both sides");
  const more = compare(facts(), claims({ provider: { ...provider, maximumHttpFileUploadTotalSize: 5 } }), {});
  assert.deepEqual(errors(more), ["upload: the server allows 10485760 bytes (10 MiB) per file, more than the provider file's maximumHttpFileUploadTotalSize of 5 MB per user"]);
});

test("contacts that differ are errors per type; a type the site lacks is a hint; none at all is one error", () => {
  const f = facts({
    contacts: { admin: ["xmpp:other@example.org", "mailto:op@example.org"], support: ["xmpp:help@chat.example.org"], security: ["mailto:op@example.org"], abuse: ["mailto:abuse@example.org"] },
  });
  const o = compare(f, claims(), {});
  assert.deepEqual(errors(o), [
    "contacts.admin: admin-addresses differ: the site shows xmpp:op@example.org (hugo.toml params.contact.admin/email), the server does not list it; the server lists xmpp:other@example.org, the site does not",
  ]);
  assert.ok(o.findings.some((x) => x.level === "hint" && x.subject === "contacts.abuse"));
  assert.deepEqual(errors(compare(facts({ contacts: {} }), claims(), {})), ["contacts: the server lists no contact addresses (XEP-0157); the site shows admin, support, security contacts"]);
});

test("connected to another domain than params.xmpp.domain: an error", () => {
  assert.deepEqual(errors(compare(facts(), claims({ domain: "other.org", xeps: [] }), {})), ["domain: connected to example.org, but hugo.toml params.xmpp.domain is other.org"]);
});
