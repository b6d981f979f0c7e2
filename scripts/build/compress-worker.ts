// A worker thread of compressTree (scripts/build/compress.ts): compresses the files it is given and posts
// the byte totals back.
import { parentPort, workerData } from "node:worker_threads";
import { compressFileSync } from "./compress.ts";

const totals = { raw: 0, gz: 0, br: 0 };
for (const f of (workerData as { files: string[] }).files) {
  const r = compressFileSync(f);
  totals.raw += r.raw;
  totals.gz += r.gz;
  totals.br += r.br;
}
parentPort?.postMessage(totals);
