// [params.deploy] keys of a remote publish, read from the resolved config's raw TOML:
//   hosts = [{ target = "ssh://deploy@web1.example.org/var/www/site", url = "https://web1.example.org/" }, …]
//           (a plain "ssh://…" string is a host without health check)
//   healthCheck = ["/", "/en/", "/.well-known/host-meta"]   the pages fetched through each host's url after
//           the switch; default: the home page of each language and /.well-known/host-meta.
import type { ResolvedConfig } from "../config/config.ts";
import { isObj } from "../config/toml.ts";
import { Problem, ProblemList } from "../config/problem.ts";
import { isSshTarget, parseSshTarget, type HostSpec } from "./remote.ts";

type Cfg = Pick<ResolvedConfig, "raw" | "languages" | "defaultContentLanguage" | "defaultContentLanguageInSubdir">;

const deployTable = (cfg: Cfg): Record<string, unknown> => {
  const params = cfg.raw.params;
  const deploy = isObj(params) ? params.deploy : undefined;
  return isObj(deploy) ? deploy : {};
};

/** params.deploy.hosts as HostSpecs ([] when absent); a ProblemList naming each bad key. */
export function configuredHosts(cfg: Cfg): HostSpec[] {
  const raw = deployTable(cfg).hosts;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Problem(`params.deploy.hosts: must be a list of { target = "ssh://…", url = "https://…" }`);
  const problems: Problem[] = [];
  const hosts: HostSpec[] = [];
  raw.forEach((h, i) => {
    const key = `params.deploy.hosts[${i}]`;
    const spec = typeof h === "string" ? { target: h } : isObj(h) ? h : undefined;
    if (!spec || typeof spec.target !== "string") return void problems.push(new Problem(`${key}: must be { target = "ssh://user@host/path", url = "https://…" }`));
    if (!isSshTarget(spec.target)) return void problems.push(new Problem(`${key}.target: must be ssh://user@host[:port]/path, got ${JSON.stringify(spec.target)}`));
    try {
      parseSshTarget(spec.target);
    } catch (e) {
      return void problems.push(new Problem(`${key}.target: ${(e as Error).message}`));
    }
    if (spec.url !== undefined && (typeof spec.url !== "string" || !/^https?:\/\/[^/]/.test(spec.url))) {
      return void problems.push(new Problem(`${key}.url: must be the http(s):// base URL of the host's web server, got ${JSON.stringify(spec.url)}`));
    }
    hosts.push({ target: spec.target, ...(typeof spec.url === "string" ? { url: spec.url } : {}) });
  });
  if (problems.length) throw new ProblemList(problems);
  return hosts;
}

/** The pages the health check fetches: params.deploy.healthCheck, or each language's home page and host-meta. */
export function healthPaths(cfg: Cfg): string[] {
  const raw = deployTable(cfg).healthCheck;
  if (raw !== undefined) {
    if (!Array.isArray(raw) || raw.some((p) => typeof p !== "string" || !p.startsWith("/"))) {
      throw new Problem(`params.deploy.healthCheck: must be a list of site paths that start with "/", got ${JSON.stringify(raw)}`);
    }
    return raw as string[];
  }
  const homes = cfg.languages.map((l) => (l.code === cfg.defaultContentLanguage && !cfg.defaultContentLanguageInSubdir ? "/" : `/${l.code}/`));
  return [...homes, "/.well-known/host-meta"];
}

/** The hosts of a run: those on the command line (with the url configured for the same target), else the configured ones. */
export function hostsOfRun(cli: string[], cfg: Cfg): HostSpec[] {
  const configured = configuredHosts(cfg);
  if (!cli.length) return configured;
  return cli.map((target) => configured.find((h) => h.target === target) ?? { target });
}
