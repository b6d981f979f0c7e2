// Remote publish with real parts on 127.0.0.1: two hosts, each a real OpenSSH sshd (throwaway keys, free
// port) with its own web root, and a real nginx (workers as www-data when run as root) serving <root>/current.
// The builds are small stand-in sites (the CLI test in scripts/publish.build.test.ts runs the real build);
// what is asserted is what a visitor gets from each host's nginx, and what is left on the hosts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { publishRemote, rollbackRemote, type HostSpec, type RemoteOptions } from "./remote.ts";
import { makeSshKeys, startSshd, type Sshd, type SshKeys } from "../harness/sshd.ts";
import { serveWithNginx, type SiteNginx } from "../harness/site-nginx.ts";
import { freePort } from "../harness/ports.ts";
import { Problem } from "../config/problem.ts";

let tmp = "";
let keys: SshKeys;
const hosts: { root: string; sshd: Sshd; nginx: SiteNginx; spec: HostSpec }[] = [];
const stoppers: (() => Promise<unknown>)[] = [];
const logs: string[] = [];
let clock = Date.UTC(2026, 11, 3, 12, 0, 0);
const now = () => new Date((clock += 1000));
const PAGES = ["/", "/en/", "/.well-known/host-meta"];
const opts = (specs: HostSpec[]): RemoteOptions => ({ hosts: specs, ssh: keys.ssh, keep: 3, healthPaths: PAGES, log: (m) => logs.push(m), now });
const specs = () => hosts.map((h) => h.spec);

/** A stand-in build: the version on every page, a 1 MB file that never changes, optional extras. */
async function site(version: string, extra: Record<string, Buffer | string> = {}, omit: string[] = []): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, `build-${version}-`));
  const files: Record<string, Buffer | string> = {
    "index.html": `<p>${version} de</p>`,
    "en/index.html": `<p>${version} en</p>`,
    ".well-known/host-meta": `<XRD>${version}</XRD>`,
    "unchanged.bin": Buffer.alloc(1 << 20, 7),
    ...extra,
  };
  for (const [f, body] of Object.entries(files)) {
    if (omit.includes(f)) continue;
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.writeFile(path.join(dir, f), body);
  }
  return dir;
}

/** What a visitor of host i gets on the home page. */
async function live(i: number): Promise<string> {
  const r = await fetch(hosts[i]!.nginx.url);
  return `${r.status} ${await r.text()}`;
}
const releasesOf = async (i: number) => (await fs.readdir(path.join(hosts[i]!.root, "releases"))).sort();
/** nothing of a run is left behind: no lock, no staging */
const clean = async (i: number) => assert.deepEqual((await fs.readdir(hosts[i]!.root)).sort(), ["current", "releases"], `host ${i}`);

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-remote-"));
  await fs.chmod(tmp, 0o755); // nginx's workers (www-data) walk through it
  keys = await makeSshKeys(path.join(tmp, "keys"));
  for (const name of ["a", "b"]) {
    const root = path.join(tmp, `www-${name}`);
    const sshd = await startSshd(path.join(tmp, `sshd-${name}`), keys);
    stoppers.push(() => sshd.stop());
    const nginx = await serveWithNginx({ port: await freePort(), root: path.join(root, "current"), ...(process.getuid?.() === 0 ? { user: "www-data" } : {}) });
    stoppers.push(() => nginx.stop());
    hosts.push({ root, sshd, nginx, spec: { target: sshd.target(root), url: nginx.url } });
  }
  await publishRemote(await site("v1"), opts(specs()));
  await publishRemote(await site("v2"), opts(specs()));
});

after(async () => {
  for (const s of stoppers.reverse()) await s();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

test("one release goes live on both hosts; unchanged files are hard links to the previous release", async () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v2 de</p>");
    const r = await fetch(new URL("/.well-known/host-meta", hosts[i]!.nginx.url));
    assert.equal(await r.text(), "<XRD>v2</XRD>");
    const [r1, r2] = await releasesOf(i);
    assert.equal(await fs.readlink(path.join(hosts[i]!.root, "current")), `releases/${r2}`);
    const a = await fs.stat(path.join(hosts[i]!.root, "releases", r1!, "unchanged.bin"));
    const b = await fs.stat(path.join(hosts[i]!.root, "releases", r2!, "unchanged.bin"));
    assert.equal(a.ino, b.ino, "--link-dest: the unchanged file is the same inode in both releases");
    assert.equal(b.mode & 0o777, 0o644);
    await clean(i);
  }
  assert.equal(new Set((await Promise.all([0, 1].map(releasesOf))).map((l) => l.join())).size, 1, "the same release names on both hosts");
  assert.ok(
    hosts.every((h) => logs.some((l) => l.startsWith(`publish: ${h.spec.target}: current -> releases/`))),
    logs.join("\n"),
  );
});

test("a connection killed mid-upload: nothing switches, the old release stays live on both hosts", async () => {
  // host b is reached through a proxy that cuts a connection once 2 MB went up it (rsync of an 8 MB file)
  const b = hosts[1]!;
  const proxy = net.createServer((client) => {
    const upstream = net.connect(b.sshd.port, "127.0.0.1");
    let sent = 0;
    client.on("data", (d: Buffer) => {
      sent += d.length;
      if (sent > 2 << 20) {
        client.destroy();
        upstream.destroy();
      } else upstream.write(d);
    });
    upstream.on("data", (d: Buffer) => client.write(d));
    for (const s of [client, upstream]) s.on("error", () => (client.destroy(), upstream.destroy()));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const proxyPort = (proxy.address() as net.AddressInfo).port;
  const before = await Promise.all([0, 1].map(releasesOf));
  try {
    const viaProxy = { target: `ssh://${b.sshd.user}@127.0.0.1:${proxyPort}${b.root}`, url: b.nginx.url };
    await assert.rejects(publishRemote(await site("v3", { "big.bin": crypto.randomBytes(8 << 20) }), opts([hosts[0]!.spec, viaProxy])), (e: Problem) =>
      /upload failed on 1 of 2 host\(s\); no host was switched/.test(e.message),
    );
  } finally {
    proxy.close();
  }
  assert.ok(
    logs.some((l) => l.includes(`:${proxyPort}`) && /upload failed, nothing switched/.test(l)),
    logs.join("\n"),
  );
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v2 de</p>", `host ${i} still serves the old release`);
    assert.deepEqual(await releasesOf(i), before[i], `host ${i}: the unfinished release is gone`);
    await clean(i);
  }
});

test("a host that refuses the login: no host switches", async () => {
  const refusing = { target: `ssh://nobody@127.0.0.1:${hosts[1]!.sshd.port}${hosts[1]!.root}`, url: hosts[1]!.nginx.url };
  await assert.rejects(publishRemote(await site("v3"), opts([hosts[0]!.spec, refusing])), /failed before anything was uploaded; no host was switched/);
  assert.ok(
    logs.some((l) => l.startsWith(`publish: ${refusing.target}: refused`) && /Permission denied/.test(l)),
    logs.join("\n"),
  );
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v2 de</p>");
    assert.equal((await releasesOf(i)).length, 2);
    await clean(i);
  }
});

test("a failing health check on one host puts every host back on its previous release", async () => {
  const before = await Promise.all([0, 1].map(releasesOf));
  // host b's web server is checked under a path where nothing is: 404 there, host a is healthy
  const sick = { ...hosts[1]!.spec, url: new URL("nowhere/", hosts[1]!.nginx.url).href };
  await assert.rejects(publishRemote(await site("v3"), opts([hosts[0]!.spec, sick])), /health check failed .*every host was switched back/);
  assert.ok(
    logs.some((l) => /health check failed: .*\/nowhere\/en\/ answered 404/.test(l)),
    logs.join("\n"),
  );
  assert.ok(!logs.some((l) => l.includes(`health check failed: ${hosts[0]!.spec.target}`)), "host a was healthy");
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v2 de</p>", `host ${i} is back on v2`);
    assert.deepEqual(await releasesOf(i), before[i]);
    await clean(i);
  }
});

/** chattr +a / -a on a folder (append-only: entries can be added, none removed or renamed, not even by root);
 *  false when this machine does not allow it (not root, or a filesystem without the attribute). */
const appendOnly = (dir: string, on: boolean): boolean => spawnSync("chattr", [on ? "+a" : "-a", dir]).status === 0;

test("a switch that fails on the second host: the first is switched back, the second is unchanged", async (t) => {
  const [a, b] = [hosts[0]!, hosts[1]!];
  const before = await Promise.all([0, 1].map(releasesOf));
  const liveBefore = await Promise.all(hosts.map((h) => fs.readlink(path.join(h.root, "current"))));
  // host b's web root is append-only: the lock, .staging and the upload can be made (releases/ is an ordinary
  // folder), but the rename that replaces current fails there, after both uploads and host a's switch
  if (!appendOnly(b.root, true)) return t.skip("chattr +a is not allowed here (needs root and ext4/xfs/btrfs)");
  const lines = logs.length;
  try {
    await assert.rejects(publishRemote(await site("v3"), opts(specs())), (e: Problem) =>
      new RegExp(`^${b.spec.target}: the switch failed; every host that was switched is back on its previous release$`).test(e.message),
    );
  } finally {
    appendOnly(b.root, false);
  }
  const report = logs.slice(lines);
  const prev = path.basename(liveBefore[0]!);
  assert.ok(report.includes(`publish: ${a.spec.target}: switched back to ${prev} (another host's switch failed)`), report.join("\n"));
  assert.ok(
    report.some(
      (l) => l.startsWith(`publish: ${b.spec.target}: switch failed: could not switch current to `) && /Operation not permitted/.test(l) && l.endsWith(`; live: ${path.basename(liveBefore[1]!)}`),
    ),
    report.join("\n"),
  );
  assert.equal(report.filter((l) => l.startsWith("publish: ")).length, 2, "one line per host");
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v2 de</p>", `host ${i} serves the previous release`);
    assert.equal(await fs.readlink(path.join(hosts[i]!.root, "current")), liveBefore[i], `host ${i}: current -> the previous release`);
    assert.deepEqual(await releasesOf(i), before[i], `host ${i}: the new release is removed`);
  }
  await clean(0);
  // what the append-only root kept on host b: the lock, .staging, the temporary link (removed here by hand)
  for (const f of await fs.readdir(b.root)) if (!["current", "releases"].includes(f)) await fs.rm(path.join(b.root, f), { recursive: true });
});

test("a host locked by another publish is refused; a lock this machine's finished run left behind is broken", async () => {
  const lock = path.join(hosts[0]!.root, ".publish.lock");
  await fs.mkdir(lock);
  await fs.writeFile(path.join(lock, "owner"), "ci-runner 4242\n");
  await assert.rejects(publishRemote(await site("v3"), opts(specs())), /no host was switched/);
  assert.ok(
    logs.some((l) => l.includes("another publish is running (ci-runner 4242)")),
    logs.join("\n"),
  );
  for (let i = 0; i < 2; i++) assert.equal(await live(i), "200 <p>v2 de</p>");
  assert.equal(await fs.readFile(path.join(lock, "owner"), "utf8"), "ci-runner 4242\n", "another machine's lock is left alone");
  // the same machine, a process that is gone (pid far above pid_max): a killed run's lock
  await fs.writeFile(path.join(lock, "owner"), `${os.hostname()} 99999999\n`);
  await publishRemote(await site("v3"), opts(specs()));
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v3 de</p>");
    await clean(i);
  }
  await rollbackRemote(opts(specs())); // back to v2 for the next test
});

test("--rollback goes back one release on every host", async () => {
  await rollbackRemote(opts(specs()));
  for (let i = 0; i < 2; i++) {
    assert.equal(await live(i), "200 <p>v1 de</p>");
    await clean(i);
  }
  assert.ok(
    hosts.every((h) => logs.some((l) => l.startsWith(`rollback: ${h.spec.target}: current -> releases/`))),
    logs.join("\n"),
  );
  // nothing before v1 on either host: refused as a whole, both stay on v1
  await assert.rejects(rollbackRemote(opts(specs())), /no host was switched/);
  for (let i = 0; i < 2; i++) assert.equal(await live(i), "200 <p>v1 de</p>");
  // the next publish goes live as the newest release on both
  await publishRemote(await site("v4"), opts(specs()));
  for (let i = 0; i < 2; i++) assert.equal(await live(i), "200 <p>v4 de</p>");
});
