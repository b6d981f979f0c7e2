// npm run test:unit: node's test runner over the fast tests: every *.test.ts in scripts/ and the theme's
// assets/ts/ except the *.build.test.ts. npm run test:build (--build) runs those: the tests that run a
// real build, hugo, nginx or a copy of the project, and take seconds each.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { root } from "./config/paths.ts";

const { values } = parseArgs({ options: { build: { type: "boolean", default: false } }, strict: true });

function find(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith(".test.ts") && name.endsWith(".build.test.ts") === values.build) out.push(path.relative(root, p));
  }
  return out;
}

const files = [...find(path.join(root, "scripts")), ...find(path.join(root, "themes/broccoli/assets/ts"))].sort();
if (files.length === 0) {
  console.error(`test:${values.build ? "build" : "unit"}: no ${values.build ? "*.build.test.ts" : "*.test.ts"} files found`);
  process.exit(1);
}
const res = spawnSync(process.execPath, ["--import", "tsx", "--test", ...files], { cwd: root, stdio: "inherit" });
process.exit(res.status ?? 1);
