// npm run dev: asset watch (esbuild + sass, incremental) and `hugo server` with live reload.
// Changes to .md/.toml/templates reload through Hugo; .ts/.scss rebuild into assets/dist, which Hugo
// watches too. One Ctrl-C stops both. Options: see COMMAND (npm run dev -- --help).
import { spawn } from "node:child_process";
import { watchAssets } from "./build/assets.ts";
import { root } from "./config/paths.ts";
import { hugoBin } from "./build/hugo.ts";
import { parseCommand, usageError } from "./config/cli.ts";
import { Problem, formatProblem } from "./config/problem.ts";

const COMMAND = {
  usage: "npm run dev --",
  name: "dev",
  summary: "Watches the assets and runs hugo server with live reload (drafts included) until Ctrl-C.",
  options: {
    port: { type: "string", value: "N", default: "1313", help: "the port hugo server listens on" },
    bind: { type: "string", value: "ADDR", default: "127.0.0.1", help: "the address hugo server listens on" },
  },
} as const;

const { values } = parseCommand(COMMAND);
const { port, bind } = values;
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) usageError(COMMAND, `--port must be a port number from 1 to 65535, got ${JSON.stringify(port)}`);

const watcher = await watchAssets({ production: false }, (m) => console.log(m));
const hugo = spawn(
  hugoBin(),
  ["server", "--bind", bind, "--port", port, "--baseURL", `http://localhost:${port}/`, "--appendPort=false", "--buildDrafts", "--disableFastRender", "--environment", "development"],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  hugo.kill("SIGTERM");
  await watcher.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
hugo.on("exit", (code) => void stop(code ?? 0));
hugo.on("error", (e) => {
  console.error(`dev: ${formatProblem(new Problem(`hugo could not be started (${e.message})`, { hint: "run npm run setup" }))}`);
  void stop(1);
});
