// npm run verify-server against the real Prosody of the harness: it logs in through the host-meta the
// site's nginx serves (as a client does), and checks data/xeps.toml, hugo.toml and the provider file.
// The harness's Prosody loads every module data/xeps.toml names (e2e/prosody/prosody.cfg.lua.in), with
// the contacts and the upload limit of hugo.toml (global-setup.ts).
import { test, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { root } from "../scripts/config/paths.ts";
import { freePort } from "../scripts/harness/ports.ts";
import { e2eSite, e2eDir } from "./support/global-setup.ts";
import { createAccount, startProsody } from "./support/prosody.ts";
import { siteContacts } from "../scripts/server/claims.ts";
import { resolveConfig } from "../scripts/config/config.ts";

const domain = () => process.env.E2E_XMPP_DOMAIN as string;
const hostMeta = () => new URL("/.well-known/host-meta.json", process.env.E2E_BASE_URL).href;
const PASSWORD = "verify-server-pw-1";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command as a user does (npm run verify-server = node scripts/run.mjs verify-server). */
function verify(args: string[], account: { jid: string; password: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", "verify-server", ...args], {
      cwd: root,
      env: { ...process.env, VERIFY_XMPP_JID: account.jid, VERIFY_XMPP_PASSWORD: account.password },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (s: string) => s.split("\n").filter(Boolean);
let account: { jid: string; password: string };
let tmp: string;

test.beforeAll(async ({}, info) => {
  const local = `verify${info.workerIndex}x${Date.now().toString(36)}`;
  await createAccount(process.env.E2E_PROSODY_CONFIG as string, domain(), local, PASSWORD);
  account = { jid: `${local}@${domain()}`, password: PASSWORD };
  tmp = await fs.mkdtemp(path.join(e2eDir, "verify-"));
});
test.afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

test("the site's claims hold against the real server: exit 0, every listed XEP accounted for, --write stores the date", async () => {
  const out = path.join(tmp, "server.toml");
  const r = await verify(["--config", e2eSite().configFiles.join(","), "--host-meta", hostMeta(), "--write", "--out", out], account);
  expect(r.stderr, r.stdout).toBe("");
  expect(lines(r.stdout).filter((l) => l.startsWith("error:"))).toEqual([]);
  expect(r.code, r.stdout).toBe(0);
  const summary = lines(r.stdout).at(-2) as string;
  expect(summary).toMatch(
    /^verify-server: magicbroccoli\.de via ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket \(from http:\/\/127\.0\.0\.1:\d+\/\.well-known\/host-meta\.json\), Prosody 0\.12\.\d+ \(Linux\): 23 of 25 listed XEPs advertised; 0 errors, 1 warning, \d+ hints$/,
  );
  // XEP-0368 shows only in DNS (a note); the one XEP no Prosody module provides is a warning, not a pass
  expect(r.stdout).toContain("note: XEP-0368: SRV records for XMPP over TLS: not checked: it shows only in DNS (SRV records)");
  expect(r.stdout).toContain('warning: XEP-0033: Extended Stanza Addressing: listed in data/xeps.toml with no module (module = "")');
  const written = await fs.readFile(out, "utf8");
  expect(written).toContain(`checked = "${new Date().toISOString().slice(0, 10)}"`);
  expect(written).toMatch(/missing = \[ "0033" \]/);
});

test("--json gives one document with the findings and the server's facts", async () => {
  const r = await verify(["--config", e2eSite().configFiles.join(","), "--host-meta", hostMeta(), "--json"], account);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { ok: boolean; server: { upload?: { maxFileSize?: number }; contacts: Record<string, string[]> }; xeps: { missing: string[] } };
  expect(doc.ok).toBe(true);
  expect(doc.server.upload?.maxFileSize).toBe(10 * 1024 * 1024);
  expect(doc.server.contacts.admin).toEqual(siteContacts(await resolveConfig(e2eSite().configFiles)).admin);
  expect(doc.xeps.missing).toEqual(["0033"]);
});

test("an upload limit in hugo.toml that differs from the server's is an error naming both", async () => {
  const override = path.join(tmp, "upload.toml");
  await fs.writeFile(override, "[params.provider]\nmaximumHttpFileUploadFileSize = 100\n");
  const r = await verify(["--config", [...e2eSite().configFiles, override].join(","), "--host-meta", hostMeta()], account);
  expect(r.code).toBe(1);
  expect(lines(r.stdout).filter((l) => l.startsWith("error:"))).toEqual([
    `error: upload: max-file-size differs: the server (upload.${domain()}) allows 10485760 bytes (10 MiB) per file, hugo.toml params.provider.maximumHttpFileUploadFileSize says 100 MiB`,
  ]);
});

test("a server without mod_carbons fails and names XEP-0280", async () => {
  const cfg = await resolveConfig(e2eSite().configFiles);
  const prosody = await startProsody({ domain: domain(), contactInfo: siteContacts(cfg), disabledModules: ["carbons"] });
  try {
    await prosody.createAccount("verify", PASSWORD);
    const r = await verify(["--config", e2eSite().configFiles.join(","), "--websocket", prosody.websocketURL], { jid: `verify@${domain()}`, password: PASSWORD });
    expect(r.code).toBe(1);
    expect(lines(r.stdout).filter((l) => l.startsWith("error:"))).toEqual([
      "error: XEP-0280: Message Carbons: listed in data/xeps.toml (module carbons), but the server does not advertise urn:xmpp:carbons:2",
    ]);
  } finally {
    await prosody.stop();
  }
});

test("a server that cannot be reached: one line, exit 1", async () => {
  const url = `ws://127.0.0.1:${await freePort()}/xmpp-websocket`;
  const r = await verify(["--config", e2eSite().configFiles.join(","), "--websocket", url], account);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(`verify-server: cannot reach the server at ${url}: connection refused\n`);
});

test("a wrong password: one line naming the account, exit 1", async () => {
  const r = await verify(["--config", e2eSite().configFiles.join(","), "--host-meta", hostMeta()], { jid: account.jid, password: "not-the-password" });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`verify-server: login as ${account.jid} refused: not-authorized (wrong password or no such account)\n`);
});

test("a host-meta without a WebSocket link: one line naming it, exit 1", async () => {
  const file = path.join(tmp, "host-meta");
  await fs.writeFile(file, `<?xml version="1.0"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="urn:xmpp:alt-connections:xbosh" href="https://${domain()}/http-bind"/></XRD>\n`);
  const r = await verify(["--config", e2eSite().configFiles.join(","), "--host-meta", file], account);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`verify-server: ${file} has no WebSocket link (rel="urn:xmpp:alt-connections:websocket")\n`);
});

test("the command line: --help, an unknown option and a missing account", async () => {
  const help = await verify(["--help"], account);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("VERIFY_XMPP_JID");
  const unknown = await verify(["--bogus"], account);
  expect(unknown.code).toBe(2);
  expect(lines(unknown.stderr)[0]).toBe("verify-server: unknown option --bogus");
  const noAccount = await verify(["--websocket", "ws://127.0.0.1:1/xmpp-websocket"], { jid: "", password: "" });
  expect(noAccount.code).toBe(2);
  expect(lines(noAccount.stderr)[0]).toBe("verify-server: no account: set VERIFY_XMPP_JID and VERIFY_XMPP_PASSWORD in the environment");
});
