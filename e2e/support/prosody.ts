// Debian's Prosody 0.12 for the e2e tests: one foreground child per instance, configured from
// e2e/prosody/prosody.cfg.lua.in, with its data in a temp folder and its ports on 127.0.0.1.
// Invitations are created the way an operator does it: `prosodyctl --config <file> mod_invites generate <host>`.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort } from "../../scripts/harness/ports.ts";

const templateFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "../prosody/prosody.cfg.lua.in");
const pluginDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../prosody/modules");
/** the project's own Prosody modules for production (mod_site_status), as the operator installs them */
const deployPluginDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../deploy/prosody");

export interface ProsodyOptions {
  /** the VirtualHost (the site's params.xmpp.domain) */
  domain: string;
  /** allow_registration (default true) */
  allowRegistration?: boolean;
  /** registration_invite_only (default false: open registration and invitations side by side) */
  inviteOnly?: boolean;
  /** invite_expiry in seconds (default one week; negative: every new invitation is already expired) */
  inviteExpiry?: number;
  /** registrations allowed per IP and period (mod_register_limits); also drops the loopback allowlist */
  throttle?: { max: number; periodSeconds: number };
  logLevel?: "debug" | "info" | "warn";
  /** additional_registration_fields, e.g. ["email+"] (a trailing + makes the field required) */
  extraFields?: string[];
  /** XEP-0157 contact_info: address type ("admin", "support", ...) -> URIs (default none) */
  contactInfo?: Record<string, string[]>;
  /** http_file_share_size_limit in bytes (default 10 MiB, Prosody's own default) */
  uploadSizeLimit?: number;
  /** modules to leave out although the config enables them, e.g. ["carbons"] */
  disabledModules?: string[];
  /** answer the registration query with only this XEP-0066 out-of-band URL (mod_test_register_oob) */
  registerOobUrl?: string;
  /**
   * The auth module (default internal_hashed, which stores SCRAM-SHA-1 hashes and offers SCRAM-SHA-1;
   * internal_plain keeps passwords and offers SCRAM-SHA-1, SCRAM-SHA-256 and PLAIN side by side)
   */
  authentication?: "internal_hashed" | "internal_plain";
  /** password_hash of internal_hashed: "SHA-256" makes it offer SCRAM-SHA-256 instead of SCRAM-SHA-1 */
  passwordHash?: "SHA-1" | "SHA-256";
}

export interface RunningProsody {
  domain: string;
  dir: string;
  configFile: string;
  c2sPort: number;
  httpPort: number;
  /** host:port of the HTTP listener (for nginx's upstream) */
  http: string;
  /** Prosody's own websocket endpoint, without nginx */
  websocketURL: string;
  /** creates an account invitation; returns its token and xmpp: URI */
  createInvite(): Promise<{ token: string; uri: string }>;
  /** creates an account as the operator does (prosodyctl register) */
  createAccount(localpart: string, password: string): Promise<void>;
  /** the log so far (for failure messages) */
  log(): Promise<string>;
  stop(): Promise<void>;
}

const luaString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function prosodyConfig(o: ProsodyOptions & { dir: string; c2sPort: number; httpPort: number; proxy65Port: number }): Promise<string> {
  return fs.readFile(templateFile, "utf8").then((tpl) => {
    const throttle = o.throttle ? [`registration_throttle_max = ${o.throttle.max}`, `registration_throttle_period = ${o.throttle.periodSeconds}`, `registration_allowlist = { }`].join("\n") : "";
    const values: Record<string, string> = {
      DIR: o.dir,
      DEPLOY_PLUGIN_DIR: deployPluginDir,
      DOMAIN: o.domain,
      C2S_PORT: String(o.c2sPort),
      HTTP_PORT: String(o.httpPort),
      ALLOW_REGISTRATION: String(o.allowRegistration ?? true),
      INVITE_ONLY: String(o.inviteOnly ?? false),
      INVITE_EXPIRY: String(o.inviteExpiry ?? 7 * 86400),
      LOG_LEVEL: o.logLevel ?? "info",
      THROTTLE: throttle,
      EXTRA_FIELDS: (o.extraFields ?? []).map(luaString).join(", "),
      CONTACT_INFO: Object.entries(o.contactInfo ?? {})
        .map(([type, uris]) => `${type.replace(/[^a-z]/g, "")} = { ${uris.map(luaString).join(", ")} }`)
        .join("; "),
      UPLOAD_LIMIT: String(o.uploadSizeLimit ?? 10 * 1024 * 1024),
      PROXY65_PORT: String(o.proxy65Port),
      DISABLED: (o.disabledModules ?? []).map((m) => `${luaString(m)};`).join(" "),
      PLUGIN_DIR: pluginDir,
      TEST_MODULES: o.registerOobUrl !== undefined ? `"test_register_oob";` : "",
      OOB_URL: o.registerOobUrl ?? "",
      AUTHENTICATION: o.authentication ?? "internal_hashed",
      PASSWORD_HASH: o.passwordHash ?? "SHA-1",
    };
    return tpl.replace(/@([A-Z0-9_]+)@/g, (m, name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`prosody config: unknown placeholder ${m}`);
      // paths, the domain and the URL go into Lua strings inside the template's quotes
      return name === "DIR" || name === "DOMAIN" || name === "PLUGIN_DIR" || name === "DEPLOY_PLUGIN_DIR" || name === "OOB_URL" ? luaString(v).slice(1, -1) : v;
    });
  });
}

/** The token of an xmpp: invitation URI (…?register;preauth=TOKEN or …?roster;preauth=TOKEN;ibr=y). */
export function inviteToken(uri: string): string {
  const m = /[?;]preauth=([^;&\s]+)/.exec(uri);
  if (!m?.[1]) throw new Error(`no preauth token in ${JSON.stringify(uri)}`);
  return decodeURIComponent(m[1]);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

/** An account invitation from a (running) instance's config, as the operator creates one. */
export async function createInvite(configFile: string, domain: string): Promise<{ token: string; uri: string }> {
  const out = await run("prosodyctl", ["--config", configFile, "mod_invites", "generate", domain]);
  const uri = out
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.startsWith("xmpp:"));
  if (!uri) throw new Error(`prosodyctl mod_invites generate printed no xmpp: URI:\n${out}`);
  return { token: inviteToken(uri), uri };
}

/** Creates an account on a (running) instance, as the operator does: prosodyctl register. */
export async function createAccount(configFile: string, domain: string, localpart: string, password: string): Promise<void> {
  await run("prosodyctl", ["--config", configFile, "register", localpart, domain, password]);
}

/** The file Prosody's internal storage keeps an account in (data/<host, escaped>/accounts/<user>.dat), whether it exists or not. */
export function accountFile(configFile: string, domain: string, username: string): string {
  const esc = (s: string) => s.replace(/[^a-zA-Z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return path.join(path.dirname(configFile), "data", esc(domain), "accounts", `${esc(username)}.dat`);
}

export async function startProsody(o: ProsodyOptions): Promise<RunningProsody> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-prosody-"));
  await fs.mkdir(path.join(dir, "data"), { recursive: true });
  await fs.mkdir(path.join(dir, "certs"), { recursive: true });
  const [c2sPort, httpPort, proxy65Port] = [await freePort(), await freePort(), await freePort()];
  const configFile = path.join(dir, "prosody.cfg.lua");
  await fs.writeFile(configFile, await prosodyConfig({ ...o, dir, c2sPort, httpPort, proxy65Port }));
  const logFile = path.join(dir, "prosody.log");
  const readLog = () => fs.readFile(logFile, "utf8").catch(() => "");

  let output = "";
  const child: ChildProcess = spawn("prosody", ["--config", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stopped = false;
  const failedEarly = exited.then(async (code) => {
    if (!stopped) throw new Error(`prosody exited (${code}) before it was ready:\n${output}\n${await readLog()}`);
  });
  child.once("error", (e) => (output += `spawn failed: ${e.message} (is Debian's prosody installed? npm run setup)\n`));

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([Promise.all([waitForPort(c2sPort), waitForPort(httpPort)]), failedEarly]);
  } catch (e) {
    await stop();
    throw e;
  }
  failedEarly.catch(() => {});

  return {
    domain: o.domain,
    dir,
    configFile,
    c2sPort,
    httpPort,
    http: `127.0.0.1:${httpPort}`,
    websocketURL: `ws://127.0.0.1:${httpPort}/xmpp-websocket`,
    createInvite: () => createInvite(configFile, o.domain),
    createAccount: (localpart, password) => createAccount(configFile, o.domain, localpart, password),
    log: readLog,
    stop,
  };
}
