// `npm run publish` and `npm run build` end to end, with the real build, in a throwaway copy of the
// project (so the work tree's assets/dist is not touched): publish, a failing build during publish
// (bad config value: exit 1, the key named, live site unchanged), rollback; and a bad config value
// failing `build` with the previous output folder left exactly as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { copyProject, runScript, snapshot } from "./harness/project-copy.ts";
import { serveWithNginx } from "./harness/site-nginx.ts";
import { freePort } from "./harness/ports.ts";
import { makeSshKeys, startSshd } from "./harness/sshd.ts";

let copy = "";
let tmp = "";
const run = (script: string, args: string[]) => runScript(copy, script, args);

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-publish-"));
  await fs.chmod(tmp, 0o755); // nginx's workers (another user) walk through it to the web root
  copy = path.join(tmp, "project");
  await copyProject(copy);
  await fs.writeFile(path.join(tmp, "bad.toml"), `[params.xmpp]\nwebsocket = "ws://magicbroccoli.de/xmpp-websocket"\n`);
});

after(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

test("publish, a failing publish, and rollback on a real web root", async () => {
  const www = path.join(tmp, "www");
  // the placeholders in hugo.toml (the operator's Impressum): refused, every key named, nothing created
  const refused = run("scripts/publish.ts", [www]);
  assert.equal(refused.status, 1, refused.stderr);
  for (const key of ["params.operator.name", "params.operator.street", "params.operator.city"]) assert.match(refused.stderr, new RegExp(`${key.replace(/\./g, "\\.")}: still a placeholder \\("TODO`));
  assert.match(refused.stderr, /--allow-placeholders/);
  assert.match(refused.stderr, /nothing was published/);
  await assert.rejects(fs.access(www), "nothing was created");
  // a mistyped flag is an error, not ignored (it would publish a new release instead of rolling back)
  const typo = run("scripts/publish.ts", [www, "--rolback"]);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /unknown option --rolback/);
  await assert.rejects(fs.access(www), "nothing was created");

  const first = run("scripts/publish.ts", [www, "--keep", "3", "--allow-placeholders"]);
  assert.equal(first.status, 0, first.stderr);
  const current = path.join(www, "current");
  const r1 = await fs.readlink(current);
  assert.match(r1, /^releases\/\d{8}-\d{6}-\d{3}$/);
  // the published tree is the whole build: pages, well-known files, precompressed twins
  assert.match(await fs.readFile(path.join(current, "technik/index.html"), "utf8"), /<html/);
  assert.match(await fs.readFile(path.join(current, ".well-known/host-meta"), "utf8"), /urn:xmpp:alt-connections:websocket/);
  assert.match(zlib.gunzipSync(await fs.readFile(path.join(current, "index.html.gz"))).toString(), /<html/);
  // nginx's workers run as another user (www-data): the release must be readable by others
  assert.equal((await fs.stat(path.join(www, r1))).mode & 0o005, 0o005, "release folder is world-readable and searchable");

  const releasesBefore = await fs.readdir(path.join(www, "releases"));
  const liveBefore = await snapshot(path.join(www, "releases"));
  const bad = run("scripts/publish.ts", [www, "--allow-placeholders", "--config", `hugo.toml,${path.join(tmp, "bad.toml")}`]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /params\.xmpp\.websocket: must be a wss:\/\/ URL/);
  assert.match(bad.stderr, /nothing was published/);
  assert.equal(await fs.readlink(current), r1, "current still points at the first release");
  assert.deepEqual(await fs.readdir(path.join(www, "releases")), releasesBefore);
  assert.deepEqual(await snapshot(path.join(www, "releases")), liveBefore, "the live release is byte-for-byte unchanged");

  const second = run("scripts/publish.ts", [www, "--allow-placeholders"]);
  assert.equal(second.status, 0, second.stderr);
  const r2 = await fs.readlink(current);
  assert.notEqual(r2, r1);

  const back = run("scripts/publish.ts", [www, "--rollback"]);
  assert.equal(back.status, 0, back.stderr);
  assert.equal(await fs.readlink(current), r1, "rollback points current at the previous release again");
  assert.match(back.stdout, /rollback: .* -> releases\//);
  assert.deepEqual((await fs.readdir(www)).sort(), ["current", "releases"]);
});

test("under umask 077 the published site is served by nginx whose workers are another user", async () => {
  const www = path.join(tmp, "www-umask");
  const old = process.umask(0o077); // the child publish inherits it
  let res;
  try {
    res = run("scripts/publish.ts", [www, "--allow-placeholders"]);
  } finally {
    process.umask(old);
  }
  assert.equal(res.status, 0, res.stderr);
  const port = await freePort();
  // as root the harness's workers would be root too, who reads anything: here they are www-data, as on a Debian host
  const nginx = await serveWithNginx({ port, root: path.join(www, "current"), ...(process.getuid?.() === 0 ? { user: "www-data" } : {}) });
  try {
    for (const p of ["/", "/en/", "/technik/", "/.well-known/host-meta"]) {
      const r = await fetch(new URL(p, nginx.url));
      assert.equal(r.status, 200, `${p}: ${r.status}`);
    }
  } finally {
    await nginx.stop();
  }
});

test("npm run publish to two ssh hosts from [params.deploy] hosts: the real build goes live on both, --rollback on both", async () => {
  const keys = await makeSshKeys(path.join(tmp, "keys"));
  const hosts = [];
  const stop: (() => Promise<void>)[] = [];
  try {
    for (const n of ["a", "b"]) {
      const root = path.join(tmp, `host-${n}`, "www");
      const sshd = await startSshd(path.join(tmp, `sshd-${n}`), keys);
      stop.push(() => sshd.stop());
      const nginx = await serveWithNginx({ port: await freePort(), root: path.join(root, "current"), ...(process.getuid?.() === 0 ? { user: "www-data" } : {}) });
      stop.push(() => nginx.stop());
      await fs.mkdir(path.dirname(root), { mode: 0o755 });
      hosts.push({ root, target: sshd.target(root), url: nginx.url });
    }
    const override = path.join(tmp, "hosts.toml");
    await fs.writeFile(override, `[params.deploy]\nhosts = [\n${hosts.map((h) => `  { target = "${h.target}", url = "${h.url}" },`).join("\n")}\n]\n`);
    const cli = (extra: string[]) => run("scripts/publish.ts", ["--ssh", keys.ssh, "--config", `hugo.toml,${override}`, ...extra]);
    const home = async (url: string) => {
      const r = await fetch(url);
      return `${r.status} ${(await r.text()).includes("<html") ? "html" : "?"} ${r.headers.get("last-modified")}`;
    };
    const first = cli(["--allow-placeholders"]);
    assert.equal(first.status, 0, first.stderr);
    for (const h of hosts) assert.match(first.stdout, new RegExp(`publish: ${h.target.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: current -> releases/\\d{8}-\\d{6}-\\d{3}, 3 page\\(s\\) healthy`));
    const r1 = await Promise.all(hosts.map((h) => fs.readlink(path.join(h.root, "current"))));
    for (const h of hosts) assert.match(await home(h.url), /^200 html /);
    const second = cli(["--allow-placeholders"]);
    assert.equal(second.status, 0, second.stderr);
    const r2 = await Promise.all(hosts.map((h) => fs.readlink(path.join(h.root, "current"))));
    assert.notDeepEqual(r2, r1);
    assert.equal(r2[0], r2[1], "the same release on both hosts");
    const back = cli(["--rollback"]);
    assert.equal(back.status, 0, back.stderr);
    assert.deepEqual(await Promise.all(hosts.map((h) => fs.readlink(path.join(h.root, "current")))), r1);
    for (const h of hosts) assert.match(await home(h.url), /^200 html /);
  } finally {
    for (const s of stop.reverse()) await s();
  }
});

test("a bad config value fails `build` naming the key; the previous output folder is untouched", async () => {
  const dest = path.join(tmp, "site");
  await fs.mkdir(path.join(dest, "en"), { recursive: true });
  await fs.writeFile(path.join(dest, "index.html"), "<p>previous build</p>");
  await fs.writeFile(path.join(dest, "en/index.html"), "<p>previous build (en)</p>");
  const before = await snapshot(dest);
  for (const [override, message] of [
    [`[params.xmpp]\nwebsocket = "ws://magicbroccoli.de/xmpp-websocket"\n`, /params\.xmpp\.websocket: must be a wss:\/\/ URL/],
    [`[params.xmpp]\ndomain = "magic broccoli"\n`, /params\.xmpp\.domain: must be a valid host name/],
    [`[params]\nsince = "seit 2017"\n`, /params\.since: must be a date/],
  ] as const) {
    const f = path.join(tmp, "override.toml");
    await fs.writeFile(f, override);
    const res = run("scripts/build.ts", ["--dest", dest, "--config", `hugo.toml,${f}`]);
    assert.equal(res.status, 1, override);
    assert.match(res.stderr, /build failed in step "config"/);
    assert.match(res.stderr, message);
    assert.deepEqual(await snapshot(dest), before, "the previous output is untouched");
  }
});
