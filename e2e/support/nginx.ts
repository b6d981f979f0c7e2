// Starts Debian's nginx in the foreground on 127.0.0.1:<port>, serving a built site.
import { spawn, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import os from "node:os";
import { waitForPort } from "./ports.ts";

export interface NginxOptions {
  port: number;
  root: string;
  /** host:port of Prosody's HTTP listener, for /xmpp-websocket and /http-bind */
  prosody?: string;
  /** extra folders to serve, e.g. { "/munin-cgi/": "/tmp/munin/" } for the operator's same-origin graphs */
  aliases?: Record<string, string>;
}

export interface RunningNginx {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

function minimalConfig(o: NginxOptions, dir: string): string {
  // As root, nginx's workers would switch to "nobody", who cannot read the work tree.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${o.port};
    root ${o.root};
    error_page 404 /404.html;
${Object.entries(o.aliases ?? {}).map(([loc, dir]) => `    location ${loc} { alias ${dir.endsWith("/") ? dir : dir + "/"}; }`).join("\n")}
  }
}
`;
}

export async function startNginx(o: NginxOptions): Promise<RunningNginx> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-nginx-"));
  const conf = path.join(dir, "nginx.conf");
  await fs.writeFile(conf, minimalConfig(o, dir));
  const child: ChildProcess = spawn("/usr/sbin/nginx", ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await Promise.race([waitForPort(o.port), exited.then(() => Promise.reject(new Error(`nginx exited: ${stderr}`)))]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url: `http://127.0.0.1:${o.port}/`,
    dir,
    async stop() {
      child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
