import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveConfig, isHostName, isIsoDate, mergeConfig, absoluteURL } from "./config.ts";
import { Problem, ProblemList, formatProblem } from "./problem.ts";
import { configFile } from "./paths.ts";

async function withOverride(toml: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cfg-"));
  const f = path.join(dir, "override.toml");
  await fs.writeFile(f, toml);
  return f;
}

async function problemsOf(toml: string): Promise<string[]> {
  try {
    await resolveConfig([configFile, await withOverride(toml)]);
  } catch (e) {
    assert.ok(e instanceof ProblemList, String(e));
    return e.problems.map((p) => p.message);
  }
  assert.fail("configuration was accepted");
}

test("the project's hugo.toml is valid and typed", async () => {
  const cfg = await resolveConfig();
  assert.equal(cfg.params.xmpp.domain, "magicbroccoli.de");
  assert.match(cfg.params.xmpp.websocket, /^wss:\/\//);
  assert.match(cfg.params.xmpp.bosh, /^https:\/\//);
  assert.equal(cfg.params.since, "2017-06-27");
  assert.ok(cfg.params.security.expires instanceof Date && !Number.isNaN(cfg.params.security.expires.getTime()));
  assert.deepEqual(
    cfg.languages.map((l) => l.code),
    ["de", "en"],
  );
  assert.equal(typeof cfg.params.provider.busFactor, "number");
  assert.ok(cfg.params.contact.admin.includes("@"));
  assert.deepEqual(cfg.params.register, { minPasswordLength: 8, maxUsernameLength: 64 });
  assert.equal(cfg.params.stats?.width, 497);
  assert.match(cfg.params.reports.sslLabs ?? "", /^https:\/\//);
  assert.deepEqual(cfg.paths.configFiles, [configFile]);
  assert.deepEqual(cfg.lint.languages, [
    { code: "de", contentDir: "content/de" },
    { code: "en", contentDir: "content/en" },
  ]);
  assert.equal(cfg.lint.defaultLanguage, "de");
});

test("later files override earlier ones, tables merge key by key", async () => {
  const f = await withOverride(`[params.xmpp]\nwebsocket = "wss://other.example/ws"\n`);
  const cfg = await resolveConfig([configFile, f]);
  assert.equal(cfg.params.xmpp.websocket, "wss://other.example/ws");
  assert.equal(cfg.params.xmpp.domain, "magicbroccoli.de", "sibling keys survive the merge");
  assert.deepEqual(mergeConfig({ a: [1, 2], t: { x: 1 } }, { a: [3], t: { y: 2 } }), { a: [3], t: { x: 1, y: 2 } });
});

test("baseURL override wins over the files", async () => {
  const cfg = await resolveConfig([configFile], { baseURL: "http://127.0.0.1:8123/" });
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
  const cfg = await resolveConfig([configFile, f]);
  assert.equal(cfg.params.xmpp.websocket, "ws://127.0.0.1:4567/xmpp-websocket");
});

test("a missing required key is named with its full path", async () => {
  const base = await fs.readFile(configFile, "utf8");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cfg-"));
  const f = path.join(dir, "hugo.toml");
  await fs.writeFile(f, base.replace(/^\s*websocket = .*$/m, ""));
  await assert.rejects(resolveConfig([f]), (e: unknown) => {
    assert.ok(e instanceof ProblemList);
    assert.deepEqual(
      e.problems.map((p) => p.message),
      ["params.xmpp.websocket: missing (required key)"],
    );
    // reported at its table, where it has to be added
    const header = base.split("\n").findIndex((l) => l.trim() === "[params.xmpp]") + 1;
    assert.equal(formatProblem(e.problems[0]!, dir), `hugo.toml:${header}:3: params.xmpp.websocket: missing (required key)`);
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
  const located = (re: RegExp) => (e: unknown) => e instanceof Problem && re.test(formatProblem(e));
  await assert.rejects(resolveConfig([f]), located(/override\.toml:2: /));
  const g = await withOverride(`[params]\nauthor = "x"\nsince = 2017-13-45\n`);
  await assert.rejects(resolveConfig([g]), located(/override\.toml:3: Invalid Datetime/));
});

test("a bad value is reported where it is written: file, line and column of the key", async () => {
  const f = await withOverride(
    `# override\n[params.xmpp]\n  domain = "magicbroccoli.de"\n  websocket = "ws://magicbroccoli.de/ws"\n[params.provider]\n  passwordReset = { de = "hilfe", en = "/en/hilfe/" }\n  serverLocations = ["de", "Germany"]\n`,
  );
  await assert.rejects(resolveConfig([configFile, f]), (e: unknown) => {
    assert.ok(e instanceof ProblemList);
    const at = Object.fromEntries(e.problems.map((p) => [p.message.split(":")[0], p.location]));
    assert.deepEqual(at["params.xmpp.websocket"], { file: f, line: 4, column: 3 });
    assert.deepEqual(at["params.provider.passwordReset.de"], { file: f, line: 6, column: 21 }, "a key inside an inline table");
    assert.deepEqual(at["params.provider.serverLocations[0]"] ?? at["params.provider.serverLocations[1]"], { file: f, line: 7, column: 3 });
    return true;
  });
});

test("params.register: whole numbers within bounds, both required (the sign-up form has no defaults)", async () => {
  assert.deepEqual(await problemsOf(`[params.register]\nminPasswordLength = 0\nmaxUsernameLength = 2000\n`), [
    "params.register.minPasswordLength: must be from 1 to 128, got 0",
    "params.register.maxUsernameLength: must be from 1 to 1023, got 2000",
  ]);
  assert.deepEqual(await problemsOf(`[params.register]\nminPasswordLength = "8"\nmaxUsernameLength = 6.5\n`), [
    'params.register.minPasswordLength: must be a whole number, got "8"',
    "params.register.maxUsernameLength: must be a whole number, got 6.5",
  ]);
  const base = await fs.readFile(configFile, "utf8");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cfg-"));
  await fs.writeFile(path.join(dir, "hugo.toml"), base.replace(/^\s*maxUsernameLength = .*$/m, ""));
  await assert.rejects(resolveConfig([path.join(dir, "hugo.toml")]), /params\.register\.maxUsernameLength: missing \(required key\)/);
});

test("params.stats: a same-origin path, graph names, positive sizes", async () => {
  assert.deepEqual(await problemsOf(`[params.stats]\nbase = "https://munin.example.org/"\ngraphs = ["c2s", 5, "a b"]\nwidth = 0\nheight = "280"\n`), [
    'params.stats.base: must be a path on this site that starts and ends with / (the graphs are served by the same host), got "https://munin.example.org/"',
    "params.stats.graphs[1]: must be a string, got 5",
    'params.stats.graphs[2]: must be a graph name (letters, digits, "-", "_", "."), got "a b"',
    "params.stats.width: must be 1 or more, got 0",
    'params.stats.height: must be a whole number, got "280"',
  ]);
  assert.deepEqual(await problemsOf(`[params]\nstats = "munin"\n`), ['params.stats: must be a table ([params.stats]), got "munin"']);
});

test("params.status: a path on this site, a poll interval in seconds", async () => {
  assert.deepEqual(await problemsOf(`[params.status]\nmetrics = "https://xmpp.example.org/metrics"\ninterval = 1\n`), [
    'params.status.metrics: must be a path on this site (nginx serves Prosody\'s filtered metrics there), e.g. "/status/metrics", got "https://xmpp.example.org/metrics"',
    "params.status.interval: must be from 2 to 3600, got 1",
  ]);
  assert.deepEqual(await problemsOf(`[params.status]\nmetrics = "//evil.example/metrics"\n`), [
    'params.status.metrics: must be a path on this site (nginx serves Prosody\'s filtered metrics there), e.g. "/status/metrics", got "//evil.example/metrics"',
  ]);
});

test("params.reports: https:// URLs; other contacts: addresses", async () => {
  assert.deepEqual(
    await problemsOf(`[params.reports]\nsslLabs = "http://www.ssllabs.com/"\nother = "report"\n[params.contact]\nsupport2 = "not an address"\nabuse = "mailto:abuse@magicbroccoli.de"\n`),
    [
      'params.contact.support2: must be an XMPP address like name@example.org (or an xmpp: URI), got "not an address"',
      'params.reports.sslLabs: must be an https:// URL, got "http://www.ssllabs.com/"',
      'params.reports.other: must be an absolute https:// URL, got "report"',
    ],
  );
});

test("params.deploy.limits: known keys only, whole numbers in range; keys left out stay unset (the generator's defaults)", async () => {
  const cfg = await resolveConfig([configFile, await withOverride(`[params.deploy.limits]\nconnections = 3\n`)]);
  assert.equal(cfg.params.deploy.limits.connections, 3);
  const problems = await problemsOf(`[params.deploy.limits]\nconections = 3\nburst = -1\nidleTimeout = 1.5\n`);
  assert.ok(
    problems.some((p) => /params\.deploy\.limits\.conections: unknown key \(known: connections, requestsPerMinute, burst, idleTimeout\)/.test(p)),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => /params\.deploy\.limits\.burst: must be from 0 to 100000, got -1/.test(p)),
    problems.join("\n"),
  );
  assert.ok(
    problems.some((p) => /params\.deploy\.limits\.idleTimeout: must be a whole number, got 1\.5/.test(p)),
    problems.join("\n"),
  );
});
