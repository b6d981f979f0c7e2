import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { publish, rollback, currentRelease, listReleases, releaseName, holderMayBeAlive, webRootProblem, notWorldReadable } from "./releases.ts";
import { spawnSync } from "node:child_process";
import { Problem } from "../config/problem.ts";

/** a web root others can enter (mkdtemp makes 0700; nginx's workers are another user) */
const tmpRoot = async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), "publish-"));
  await fs.chmod(d, 0o755);
  return d;
};
/** what a visitor gets: the home page through the `current` symlink */
const live = (root: string) => fs.readFile(path.join(root, "current", "index.html"), "utf8");

function fakeBuild(text: string) {
  return async (dest: string) => {
    await fs.mkdir(dest, { recursive: true });
    await fs.writeFile(path.join(dest, "index.html"), text);
  };
}
let clock = Date.UTC(2026, 10, 28, 12, 0, 0);
const now = () => new Date((clock += 1000));

test("release names sort by time", () => {
  assert.equal(releaseName(new Date(Date.UTC(2026, 10, 28, 18, 5, 9, 7))), "20261128-180509-007");
});

test("publish creates releases/<timestamp> and points current at it", async () => {
  const root = await tmpRoot();
  const r = await publish({ webRoot: root, build: fakeBuild("v1"), now });
  assert.equal(await live(root), "v1");
  assert.equal(await fs.readlink(path.join(root, "current")), path.join("releases", r.release), "relative symlink");
  assert.deepEqual(await fs.readdir(root).then((l) => l.sort()), ["current", "releases"], "no staging or lock left behind");
  const r2 = await publish({ webRoot: root, build: fakeBuild("v2"), now });
  assert.equal(await live(root), "v2");
  assert.equal(r2.previous, r.release);
});

test("a failing build leaves the live site and the releases untouched", async () => {
  const root = await tmpRoot();
  await publish({ webRoot: root, build: fakeBuild("good"), now });
  const before = await listReleases(root);
  await assert.rejects(
    publish({
      webRoot: root,
      now,
      build: async (dest) => {
        await fakeBuild("half")(dest);
        throw new Error("hugo: template error");
      },
    }),
    /template error/,
  );
  assert.equal(await live(root), "good");
  assert.deepEqual(await listReleases(root), before);
  assert.deepEqual((await fs.readdir(root)).sort(), ["current", "releases"]);
});

test("a build that produced nothing is not published", async () => {
  const root = await tmpRoot();
  await publish({ webRoot: root, build: fakeBuild("good"), now });
  await assert.rejects(publish({ webRoot: root, now, build: async (d) => void (await fs.mkdir(d, { recursive: true })) }), Problem);
  assert.equal(await live(root), "good");
});

test("leftovers of an interrupted run (staging, stale lock) do not block the next publish", async () => {
  const root = await tmpRoot();
  await publish({ webRoot: root, build: fakeBuild("v1"), now });
  await fs.mkdir(path.join(root, ".staging", "20990101-000000-000"), { recursive: true });
  await fs.writeFile(path.join(root, ".staging", "20990101-000000-000", "index.html"), "half");
  await fs.writeFile(path.join(root, ".publish.lock"), "999999999"); // no such process
  assert.equal(await live(root), "v1", "an interrupted build never touched current");
  await publish({ webRoot: root, build: fakeBuild("v2"), now });
  assert.equal(await live(root), "v2");
  assert.equal((await listReleases(root)).length, 2);
});

test("a publish that is running blocks a second one", async () => {
  const root = await tmpRoot();
  await fs.mkdir(root, { recursive: true });
  await fs.writeFile(path.join(root, ".publish.lock"), String(process.pid));
  await assert.rejects(publish({ webRoot: root, build: fakeBuild("x"), now }), /another publish is running/);
});

test("--keep N keeps the newest N releases", async () => {
  const root = await tmpRoot();
  const names: string[] = [];
  for (let i = 1; i <= 5; i++) names.push((await publish({ webRoot: root, build: fakeBuild(`v${i}`), now, keep: 3 })).release);
  assert.deepEqual(await listReleases(root), names.slice(-3));
  assert.equal(await live(root), "v5");
  await assert.rejects(publish({ webRoot: root, build: fakeBuild("x"), now, keep: 0 }), /--keep/);
});

test("rollback switches back to the previous release, step by step", async () => {
  const root = await tmpRoot();
  for (const v of ["v1", "v2", "v3"]) await publish({ webRoot: root, build: fakeBuild(v), now });
  const r = await rollback(root);
  assert.equal(await live(root), "v2");
  assert.equal(r.to, await currentRelease(root));
  await rollback(root);
  assert.equal(await live(root), "v1");
  await assert.rejects(rollback(root), /no release before/);
  assert.equal(await live(root), "v1");
  // publishing again after a rollback goes live as the newest release
  await publish({ webRoot: root, build: fakeBuild("v4"), now });
  assert.equal(await live(root), "v4");
});

test("the live release survives pruning even after a rollback", async () => {
  const root = await tmpRoot();
  for (const v of ["v1", "v2", "v3"]) await publish({ webRoot: root, build: fakeBuild(v), now, keep: 2 });
  await rollback(root); // v2 live, releases v2 v3
  await publish({ webRoot: root, build: fakeBuild("v4"), now, keep: 1 });
  assert.equal(await live(root), "v4");
  assert.equal((await listReleases(root)).length, 1);
});

test("a web root whose current is a real folder is refused, not overwritten", async () => {
  const root = await tmpRoot();
  await fs.mkdir(path.join(root, "current"), { recursive: true });
  await fs.writeFile(path.join(root, "current", "index.html"), "hand-made");
  await assert.rejects(publish({ webRoot: root, build: fakeBuild("x"), now }), /is not a symlink/);
  assert.equal(await live(root), "hand-made");
  assert.deepEqual(await listReleases(root), []);
});

test("rollback with nothing published says so", async () => {
  await assert.rejects(rollback(await tmpRoot()), /nothing is published/);
});

test("under umask 077 the release is still readable by others (nginx's workers are another user)", async () => {
  const root = await tmpRoot();
  const old = process.umask(0o077);
  try {
    await publish({
      webRoot: path.join(root, "new", "www"), // created by publish, under the strict umask
      now,
      build: async (dest) => {
        await fs.mkdir(path.join(dest, "en"), { recursive: true });
        await fs.writeFile(path.join(dest, "index.html"), "v1");
        await fs.writeFile(path.join(dest, "en", "index.html"), "v1 en");
      },
    });
  } finally {
    process.umask(old);
  }
  const www = path.join(root, "new", "www");
  assert.deepEqual(await notWorldReadable(www, 100), []);
  assert.equal((await fs.stat(path.join(www, "current", "en", "index.html"))).mode & 0o777, 0o644);
  assert.equal((await fs.stat(path.join(www, "current", "en"))).mode & 0o777, 0o755);
  assert.equal((await fs.stat(path.join(root, "new"))).mode & 0o777, 0o755, "folders publish creates are searchable");
});

test("a web root others cannot enter is refused before the switch", async () => {
  const root = await tmpRoot();
  await publish({ webRoot: root, build: fakeBuild("v1"), now });
  await fs.chmod(root, 0o700);
  await assert.rejects(publish({ webRoot: root, build: fakeBuild("v2"), now }), /could not read .*nothing was published/);
  await fs.chmod(root, 0o755);
  assert.equal(await live(root), "v1");
  assert.equal((await listReleases(root)).length, 1);
});

test("nginx's document root (current) or a folder inside releases/ is refused, naming the right folder", async () => {
  const root = await tmpRoot();
  const r = await publish({ webRoot: root, build: fakeBuild("v1"), now });
  const before = await fs.readdir(path.join(root, "current"));
  for (const [wrong, message] of [
    [path.join(root, "current"), `give its parent folder: ${root}`],
    [path.join(root, "current") + "/", `give its parent folder: ${root}`],
    [path.join(root, "releases", r.release), `give the folder that holds releases/ and current: ${root}`],
    [path.join(root, "releases", r.release, "en"), `give the folder that holds releases/ and current: ${root}`],
    [path.join(root, "releases"), `give the folder that holds releases/ and current: ${root}`],
  ] as const) {
    await assert.rejects(publish({ webRoot: wrong, build: fakeBuild("x"), now }), (e: Problem) => e.message.includes(wrong.replace(/\/$/, "")) && (e.hint ?? "").includes(message), wrong);
    await assert.rejects(rollback(wrong), Problem, wrong);
  }
  assert.deepEqual(await fs.readdir(path.join(root, "current")), before, "nothing was written into the live site");
  assert.equal(await live(root), "v1");
  assert.equal(webRootProblem("/var/www/site"), undefined);
  assert.equal(webRootProblem("/srv/releases-2026/site"), undefined);
});

test("a lock whose holder cannot be signalled (EPERM: another user's live publish) is held, not stolen", () => {
  const fail = (code: string) => () => {
    throw Object.assign(new Error(code), { code });
  };
  assert.equal(holderMayBeAlive(4242, fail("EPERM")), true);
  assert.equal(holderMayBeAlive(4242, fail("ESRCH")), false);
  assert.equal(
    holderMayBeAlive(4242, () => true),
    true,
  );
  assert.equal(holderMayBeAlive(Number(""), fail("ESRCH")), true, "an unreadable lock is not proof of a dead holder");
});

test("another user's publish does not remove a live root publish's lock", { skip: process.getuid?.() !== 0 && "needs root to run a second user" }, async () => {
  const root = await tmpRoot();
  await fs.chmod(root, 0o777);
  const lock = path.join(root, ".publish.lock");
  await fs.writeFile(lock, String(process.pid)); // this (root) process holds the lock
  await fs.chmod(lock, 0o644);
  const script = `import { publish } from ${JSON.stringify(path.resolve(import.meta.dirname, "releases.ts"))};
import { promises as fs } from "node:fs";
await publish({ webRoot: ${JSON.stringify(root)}, build: async (d) => { await fs.mkdir(d, { recursive: true }); await fs.writeFile(d + "/index.html", "x"); } });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    uid: 65534,
    gid: 65534,
    encoding: "utf8",
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, HOME: root },
  });
  assert.notEqual(r.status, 0, r.stdout);
  assert.match(r.stderr, /another publish is running/);
  assert.equal(await fs.readFile(lock, "utf8"), String(process.pid), "the lock is still root's");
  assert.equal(await currentRelease(root), undefined);
});
