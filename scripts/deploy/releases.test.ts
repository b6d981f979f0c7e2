import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { publish, rollback, currentRelease, listReleases, releaseName } from "./releases.ts";
import { Problem } from "../config/problem.ts";

const tmpRoot = () => fs.mkdtemp(path.join(os.tmpdir(), "publish-"));
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
