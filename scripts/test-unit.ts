// npm run test:unit: node's test runner over every *.test.ts in scripts/ and the theme's assets/ts/.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { root } from "./lib/paths.ts";

function find(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith(".test.ts")) out.push(path.relative(root, p));
  }
  return out;
}

const files = [...find(path.join(root, "scripts")), ...find(path.join(root, "themes/broccoli/assets/ts"))].sort();
if (files.length === 0) {
  console.error("test:unit: no *.test.ts files found");
  process.exit(1);
}
const res = spawnSync(process.execPath, ["--import", "tsx", "--test", ...files], { cwd: root, stdio: "inherit" });
process.exit(res.status ?? 1);
