// npm run dev: asset watch (esbuild + sass, incremental) and `hugo server` with live reload.
// Changes to .md/.toml/templates reload through Hugo; .ts/.scss rebuild into assets/dist, which Hugo
// watches too. One Ctrl-C stops both. Options: --port N (default 1313), --bind ADDR (default 127.0.0.1).
import { spawn } from "node:child_process";
import { watchAssets } from "./build/assets.ts";
import { root } from "./config/paths.ts";
import { hugoBin } from "./build/hugo.ts";

const argv = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : def;
};
const port = opt("--port", "1313");
const bind = opt("--bind", "127.0.0.1");

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
  console.error(`dev: hugo could not be started (${e.message}); run npm run setup`);
  void stop(1);
});
