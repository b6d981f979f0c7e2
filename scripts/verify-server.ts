// npm run verify-server [-- --websocket URL | --host-meta URL|FILE | --site DIR] [--json] [--write]
// (npm run verify-server -- --help): logs in to the site's XMPP server the way a client does and checks
// the site's claims against what the server advertises (data/xeps.toml, hugo.toml [params], the provider
// file). The account comes from the environment, never from a file: VERIFY_XMPP_JID, VERIFY_XMPP_PASSWORD.
// Exit 0: no error (hints and notes may be printed); 1: an error, or the check could not run (one line:
// unreachable, login refused, host-meta without WebSocket); 2: a wrong command line or no account.
// The library is scripts/server/ (endpoint, session, queries, claims, compare, report, write).
import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveConfig } from "./config/config.ts";
import { root } from "./config/paths.ts";
import { parseCommand, usageError, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { printProblems } from "./config/problem.ts";
import { findEndpoint, type Reader } from "./server/endpoint.ts";
import { openSession, VerifyError } from "./server/session.ts";
import { readServer } from "./server/queries.ts";
import { loadXeps, siteClaims } from "./server/claims.ts";
import { compare, type Access } from "./server/compare.ts";
import { textReport, jsonReport, jsonFailure, counts } from "./server/report.ts";
import { serverToml, writeServerToml } from "./server/write.ts";
import { isLoopbackHost } from "../themes/broccoli/assets/ts/xmpp/names.ts";

const COMMAND = {
  usage: "npm run verify-server --",
  name: "verify-server",
  summary: [
    "Logs in to the XMPP server (account from VERIFY_XMPP_JID and VERIFY_XMPP_PASSWORD) and checks data/xeps.toml,",
    "hugo.toml [params] and the provider file against what it advertises. Connects through the host-meta of",
    "https://<params.xmpp.domain>/ unless told otherwise. Exit 1 on any error.",
  ].join("\n"),
  options: {
    websocket: { type: "string", value: "URL", help: "connect to this WebSocket (wss://; ws:// on 127.0.0.1) instead of the host-meta's" },
    "host-meta": { type: "string", value: "URL|FILE", help: "read the WebSocket and BOSH links from this host-meta (XRD or JRD)" },
    site: { type: "string", value: "DIR", help: "read them from a built site's .well-known/host-meta(.json), e.g. public" },
    json: { type: "boolean", default: false, help: "print one JSON document instead of lines" },
    write: { type: "boolean", default: false, help: "store what was found in data/server.toml (with today's date)" },
    out: { type: "string", value: "FILE", help: "where --write stores it (default data/server.toml)" },
    config: CONFIG_OPTION,
  },
} as const;

const { values } = parseCommand(COMMAND);
const given = ["websocket", "host-meta", "site"].filter((k) => values[k as keyof typeof values] !== undefined);
if (values.out && !values.write) usageError(COMMAND, "--out needs --write");
if (given.length > 1) usageError(COMMAND, `--${given.join(" and --")} exclude each other: give one`);
const jid = process.env.VERIFY_XMPP_JID ?? "";
const password = process.env.VERIFY_XMPP_PASSWORD ?? "";
if (!jid || !password) usageError(COMMAND, `no account: set VERIFY_XMPP_JID and VERIFY_XMPP_PASSWORD in the environment${jid ? " (VERIFY_XMPP_PASSWORD is empty)" : ""}`);

/** Files and http(s) URLs; a missing file or HTTP 404/410 is "not there", a network failure a VerifyError. */
const read: Reader = async (where) => {
  if (!/^https?:\/\//.test(where)) {
    try {
      return await fs.readFile(where, "utf8");
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") return undefined;
      throw e;
    }
  }
  let res: Response;
  try {
    res = await fetch(where, { redirect: "follow", signal: AbortSignal.timeout(20_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new VerifyError(`cannot fetch ${where}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (res.status === 404 || res.status === 410) return undefined;
  if (!res.ok) throw new VerifyError(`${where} answers HTTP ${res.status}`);
  return res.text();
};

/** HTTP status of a GET on the BOSH URL (Prosody's mod_bosh answers 200); 0 when unreachable. */
async function boshStatus(url: string): Promise<number> {
  const u = new URL(url);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && isLoopbackHost(u.hostname))) return 0;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

const fail = (message: string): never => {
  if (values.json) process.stdout.write(jsonFailure(message));
  console.error(`verify-server: ${message}`);
  process.exit(1);
};

try {
  const cfg = await resolveConfig(configFilesOf(values.config));
  const domain = cfg.params.xmpp.domain;
  if (jid.split("@")[1]?.toLowerCase() !== domain.toLowerCase() || !jid.split("@")[0]) fail(`VERIFY_XMPP_JID ${jid} is not an account of ${domain} (params.xmpp.domain): give localpart@${domain}`);
  const claims = siteClaims(cfg, await loadXeps(cfg.paths.root));
  const endpoint = await findEndpoint(
    {
      domain,
      ...(values.websocket ? { websocket: values.websocket } : {}),
      ...(values["host-meta"] ? { hostMeta: values["host-meta"] } : {}),
      ...(values.site ? { siteDir: path.resolve(values.site) } : {}),
    },
    read,
  );
  const session = await openSession(endpoint.websocket, { jid, password });
  let facts;
  try {
    facts = await readServer(session, domain);
  } finally {
    await session.close();
  }
  const access: Access = {
    ...(endpoint.hostMeta ? { hostMeta: endpoint.hostMeta } : {}),
    ...(endpoint.bosh ? { bosh: { url: endpoint.bosh, status: await boshStatus(endpoint.bosh) } } : {}),
  };
  const outcome = compare(facts, claims, access);
  const checked = new Date().toISOString().slice(0, 10);
  if (values.json) process.stdout.write(jsonReport(facts, outcome, endpoint, checked));
  else console.log(textReport(facts, outcome, endpoint));
  if (values.write) {
    const file = await writeServerToml(values.out ? path.resolve(values.out) : path.join(cfg.paths.root ?? root, "data/server.toml"), serverToml(facts, outcome, checked));
    (values.json ? console.error : console.log)(`verify-server: wrote ${path.relative(process.cwd(), file)}`);
  }
  process.exit(counts(outcome.findings).error > 0 ? 1 : 0);
} catch (e) {
  if (e instanceof VerifyError) fail(e.message);
  printProblems(e, "verify-server: the check could not run.");
  process.exit(1);
}
