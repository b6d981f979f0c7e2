import { test } from "node:test";
import assert from "node:assert/strict";
import { readXeps, loadXeps, siteContacts, siteClaims, MIB } from "./claims.ts";
import { resolveConfig } from "../config/config.ts";
import { formatProblem, ProblemList } from "../config/problem.ts";

const entry = (n: string, extra = `module = "carbons"`) => `[[xep]]\nnumber = "${n}"\nname = "X"\nurl = "https://xmpp.org/extensions/xep-${n}.html"\n${extra}\n[xep.benefit]\nde = "a"\nen = "b"\n`;

test("data/xeps.toml: entries with number, name and module", () => {
  assert.deepEqual(readXeps(`# c\n\n${entry("0280")}\n${entry("0033", 'module = ""')}`, "x.toml"), [
    { number: "0280", name: "X", module: "carbons", line: 3 },
    { number: "0033", name: "X", module: "", line: 12 },
  ]);
});

test("a bad entry is named by file, line and field", () => {
  try {
    readXeps(`${entry("0280", "")}\n${entry("280")}\n${entry("0313", 'module = "mod_mam"')}`, "/p/data/xeps.toml");
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof ProblemList);
    assert.deepEqual(
      e.problems.map((p) => formatProblem(p, "/p")),
      [
        'data/xeps.toml:1: xep[0] (XEP-0280): module: missing; name the Prosody module that provides it (e.g. module = "carbons"), or "" when none does',
        'data/xeps.toml:10: xep[1] (XEP-280): number: must be four digits in quotes like "0280", got "280"',
        'data/xeps.toml:19: xep[2] (XEP-0313): module: must be a module name without "mod_" (e.g. "carbons"), got "mod_mam"',
      ],
    );
  }
});

test("the project's data/xeps.toml: the XEPs the site relies on, each with its module", async () => {
  const xeps = await loadXeps((await resolveConfig()).paths.root);
  const numbers = xeps.map((x) => x.number);
  for (const n of ["0077", "0156", "0157", "0379", "0401", "0280", "0363"]) assert.ok(numbers.includes(n), `XEP-${n} listed`);
  assert.equal(xeps.find((x) => x.number === "0280")?.module, "carbons");
  assert.equal(xeps.find((x) => x.number === "0077")?.module, "register_ibr");
});

test("the site's claims from hugo.toml: XEP-0157 contacts, the upload limit in bytes, the provider file", async () => {
  const cfg = await resolveConfig();
  const c = cfg.params.contact;
  assert.deepEqual(siteContacts(cfg), { admin: [`xmpp:${c.admin}`, `mailto:${c.email}`], support: [`xmpp:${c.support}?join`], security: cfg.params.security.contact });
  const claims = siteClaims(cfg, []);
  assert.equal(claims.uploadMaxFileSize, (cfg.params.provider.maximumHttpFileUploadFileSize as number) * MIB);
  assert.equal(claims.provider.maximumHttpFileUploadTotalSize, cfg.params.provider.maximumHttpFileUploadTotalSize);
});
