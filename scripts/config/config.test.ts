import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, ConfigError, isHostName, isIsoDate, mergeConfig, absoluteURL } from "./config.ts";
import { configFile } from "./paths.ts";

async function withOverride(toml: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cfg-"));
  const f = path.join(dir, "override.toml");
  await fs.writeFile(f, toml);
  return f;
}

async function problemsOf(toml: string): Promise<string[]> {
  try {
    await loadConfig([configFile, await withOverride(toml)]);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems;
  }
  assert.fail("configuration was accepted");
}

test("the project's hugo.toml is valid and typed", async () => {
  const cfg = await loadConfig();
  assert.equal(cfg.xmpp.domain, "magicbroccoli.de");
  assert.match(cfg.xmpp.websocket, /^wss:\/\//);
  assert.match(cfg.xmpp.bosh, /^https:\/\//);
  assert.equal(cfg.since, "2017-06-27");
  assert.ok(cfg.security.expires instanceof Date && !Number.isNaN(cfg.security.expires.getTime()));
  assert.deepEqual(cfg.languages.map((l) => l.code), ["de", "en"]);
  assert.equal(typeof cfg.provider.busFactor, "number");
  assert.ok(cfg.contact.admin.includes("@"));
});

test("later files override earlier ones, tables merge key by key", async () => {
  const f = await withOverride(`[params.xmpp]\nwebsocket = "wss://other.example/ws"\n`);
  const cfg = await loadConfig([configFile, f]);
  assert.equal(cfg.xmpp.websocket, "wss://other.example/ws");
  assert.equal(cfg.xmpp.domain, "magicbroccoli.de", "sibling keys survive the merge");
  assert.deepEqual(mergeConfig({ a: [1, 2], t: { x: 1 } }, { a: [3], t: { y: 2 } }), { a: [3], t: { x: 1, y: 2 } });
});

test("baseURL override wins over the files", async () => {
  const cfg = await loadConfig([configFile], { baseURL: "http://127.0.0.1:8123/" });
  assert.equal(cfg.baseURL, "http://127.0.0.1:8123/");
  assert.equal(absoluteURL(cfg, "/impressum/"), "http://127.0.0.1:8123/impressum/");
});

test("plain ws:// / http:// endpoints are refused for public hosts", async () => {
  const p = await problemsOf(`[params.xmpp]\nwebsocket = "ws://magicbroccoli.de/xmpp-websocket"\nbosh = "http://magicbroccoli.de/http-bind"\n`);
  assert.equal(p.length, 2);
  assert.match(p[0]!, /^params\.xmpp\.websocket: must be a wss:\/\/ URL/);
  assert.match(p[1]!, /^params\.xmpp\.bosh: must be a https:\/\/ URL/);
});

test("ws:// / http:// are accepted for loopback hosts (test harness)", async () => {
  const f = await withOverride(`[params.xmpp]\nwebsocket = "ws://127.0.0.1:4567/xmpp-websocket"\nbosh = "http://localhost:4567/http-bind"\n`);
  const cfg = await loadConfig([configFile, f]);
  assert.equal(cfg.xmpp.websocket, "ws://127.0.0.1:4567/xmpp-websocket");
});

test("a missing required key is named with its full path", async () => {
  const base = await fs.readFile(configFile, "utf8");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cfg-"));
  const f = path.join(dir, "hugo.toml");
  await fs.writeFile(f, base.replace(/^\s*websocket = .*$/m, ""));
  await assert.rejects(loadConfig([f]), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.deepEqual(e.problems, ["params.xmpp.websocket: missing (required key)"]);
    assert.match(e.message, /params\.xmpp\.websocket: missing/);
    return true;
  });
});

test("domain must be a host name", async () => {
  for (const bad of ["magic broccoli.de", "-x.de", "a..b", "xmpp://magicbroccoli.de", ""]) {
    const p = await problemsOf(`[params.xmpp]\ndomain = ${JSON.stringify(bad)}\n`);
    assert.match(p.join("\n"), /^params\.xmpp\.domain: /, bad);
  }
  assert.ok(isHostName("magicbroccoli.de"));
  assert.ok(isHostName("localhost"));
  assert.ok(!isHostName("127.0.0.1"));
});

test("dates must be dates", async () => {
  assert.match((await problemsOf(`[params]\nsince = "yesterday"\n`)).join(), /^params\.since: must be a date like 2017-06-27, got "yesterday"/);
  assert.match((await problemsOf(`[params]\nsince = "2017-02-30"\n`)).join(), /^params\.since: must be a date/);
  assert.match((await problemsOf(`[params]\nsince = 2017\n`)).join(), /^params\.since: must be a date/);
  assert.match((await problemsOf(`[params.security]\nexpires = "soon"\n`)).join(), /^params\.security\.expires: must be a date/);
  assert.ok(isIsoDate("2024-02-29"));
  assert.ok(!isIsoDate("2023-02-29"));
});

test("types of provider fields are checked", async () => {
  const p = await problemsOf(`[params.provider]\nbusFactor = "one"\nfreeOfCharge = "yes"\nserverLocations = ["Germany"]\norganization = "club"\n`);
  assert.deepEqual(
    p.map((x) => x.split(":")[0]),
    ["params.provider.organization", "params.provider.busFactor", "params.provider.freeOfCharge", "params.provider.serverLocations[0]"],
  );
});

test("a TOML syntax error names file and line", async () => {
  const f = await withOverride(`[params]\nsince = \n`);
  await assert.rejects(loadConfig([f]), /override\.toml:2: /);
  const g = await withOverride(`[params]\nauthor = "x"\nsince = 2017-13-45\n`);
  await assert.rejects(loadConfig([g]), /override\.toml:3: Invalid Datetime/);
});
