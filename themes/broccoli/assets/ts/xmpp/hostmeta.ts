// XEP-0156: the WebSocket endpoint from the site's own /.well-known/host-meta.json (JRD)
// or /.well-known/host-meta (XRD). Only wss:// URLs are accepted, and ws:// for loopback
// (local tests), so a password never travels unencrypted over a network.
import { parse, children } from "./xml.ts";
import { REL_WEBSOCKET, isLoopbackHost } from "./names.ts";
import { realTimer, TIMEOUT_MS, type Timer } from "./session.ts";
import { ConnectionError } from "./errors.ts";

export { REL_WEBSOCKET };
const NS_XRD = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

/** A usable websocket URL (resolved against the host-meta's own URL), or undefined. */
export function acceptableWebsocket(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol === "wss:") return url.href;
  if (url.protocol === "ws:" && isLoopbackHost(url.hostname)) return url.href;
  return undefined;
}

export function websocketFromJrd(json: string, base: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  const links = (doc as { links?: unknown }).links;
  if (!Array.isArray(links)) return undefined;
  for (const l of links) {
    if (l && typeof l === "object" && (l as { rel?: unknown }).rel === REL_WEBSOCKET) {
      const href = (l as { href?: unknown }).href;
      const ok = typeof href === "string" ? acceptableWebsocket(href, base) : undefined;
      if (ok) return ok;
    }
  }
  return undefined;
}

export function websocketFromXrd(xml: string, base: string): string | undefined {
  let root;
  try {
    root = parse(xml);
  } catch {
    return undefined;
  }
  if (root.name !== "XRD") return undefined;
  for (const link of children(root, "Link", NS_XRD)) {
    if (link.attrs.rel === REL_WEBSOCKET && link.attrs.href) {
      const ok = acceptableWebsocket(link.attrs.href, base);
      if (ok) return ok;
    }
  }
  return undefined;
}

/** fetch as discovery uses it: the signal aborts the request when discovery gives up. */
export type Fetcher = (url: string, signal?: AbortSignal) => Promise<{ ok: boolean; text(): Promise<string> }>;

export interface DiscoveryOptions {
  timer?: Timer;
  /** for the whole discovery, both files; the session's timeout unless given */
  timeoutMs?: number;
}

/**
 * Asks the JSON file first, then the XML one; undefined when neither names a usable endpoint. Rejects
 * with ConnectionError("timeout") when the answers take longer than the timeout (a server that accepts
 * the request and never answers would otherwise keep the form busy for ever); the request is aborted.
 */
export async function discoverWebsocket(origin: string, fetcher: Fetcher, o: DiscoveryOptions = {}): Promise<string | undefined> {
  const timeoutMs = o.timeoutMs ?? TIMEOUT_MS;
  const controller = new AbortController();
  let cancel = () => {};
  const deadline = new Promise<never>((_, reject) => {
    cancel = (o.timer ?? realTimer)(() => {
      controller.abort();
      reject(new ConnectionError("timeout", `no answer from host-meta within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([tryFiles(origin, fetcher, controller.signal), deadline]);
  } finally {
    cancel();
  }
}

async function tryFiles(origin: string, fetcher: Fetcher, signal: AbortSignal): Promise<string | undefined> {
  const tries: Array<[string, (body: string, base: string) => string | undefined]> = [
    ["/.well-known/host-meta.json", websocketFromJrd],
    ["/.well-known/host-meta", websocketFromXrd],
  ];
  for (const [path, read] of tries) {
    if (signal.aborted) return undefined;
    const url = new URL(path, origin).href;
    try {
      const res = await fetcher(url, signal);
      if (!res.ok) continue;
      const ws = read(await res.text(), url);
      if (ws) return ws;
    } catch {
      // network error: try the other file
    }
  }
  return undefined;
}
