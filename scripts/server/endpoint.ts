// Where verify-server connects, found the way a client finds it (XEP-0156): the WebSocket link of the
// site's host-meta. The host-meta comes from, in this order: --websocket URL (no host-meta at all),
// --host-meta URL, the built site (<dir>/.well-known/host-meta.json, then host-meta), or
// https://<domain>/.well-known/host-meta.json (then host-meta). The BOSH link is read too (XEP-0124/0206).
// parseHostMeta is pure; findEndpoint reads files and the network through the given reader.
import { parse, children } from "../../themes/broccoli/assets/ts/xmpp/xml.ts";
import { REL_WEBSOCKET, REL_BOSH, isLoopbackHost } from "../../themes/broccoli/assets/ts/xmpp/names.ts";
import { VerifyError } from "./session.ts";

const NS_XRD = "http://docs.oasis-open.org/ns/xri/xrd-1.0";

export interface Endpoint {
  websocket: string;
  /** the host-meta it came from (undefined: given with --websocket) */
  hostMeta?: string;
  /** the BOSH link of that host-meta */
  bosh?: string;
}

/** The link targets of a host-meta (JRD when it starts with "{", else XRD), by rel; throws on garbage. */
export function hostMetaLinks(body: string): { rel: string; href: string }[] {
  if (body.trimStart().startsWith("{")) {
    const doc = JSON.parse(body) as { links?: unknown };
    if (!Array.isArray(doc.links)) return [];
    return doc.links.flatMap((l: unknown) => {
      const { rel, href } = (l ?? {}) as { rel?: unknown; href?: unknown };
      return typeof rel === "string" && typeof href === "string" ? [{ rel, href }] : [];
    });
  }
  const root = parse(body);
  if (root.name !== "XRD") throw new Error(`root element is <${root.name}>, not <XRD>`);
  return children(root, "Link", NS_XRD).flatMap((l) => (l.attrs.rel && l.attrs.href ? [{ rel: l.attrs.rel, href: l.attrs.href }] : []));
}

/** A WebSocket URL a client may use: wss://, or ws:// on loopback only (a password must not travel unencrypted). */
export function usableWebsocket(href: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol === "wss:" || (url.protocol === "ws:" && isLoopbackHost(url.hostname))) return url.href;
  return undefined;
}

/** The endpoints of one host-meta text; throws a VerifyError naming `where` when it has no usable WebSocket link. */
export function parseHostMeta(body: string, where: string): Endpoint {
  let links;
  try {
    links = hostMetaLinks(body);
  } catch (e) {
    throw new VerifyError(`${where} is not a host-meta (XRD or JRD): ${(e as Error).message}`);
  }
  const base = /^https?:/.test(where) ? where : undefined;
  const ws = links.filter((l) => l.rel === REL_WEBSOCKET);
  const websocket = ws.map((l) => usableWebsocket(l.href, base)).find(Boolean);
  if (!websocket) {
    throw new VerifyError(
      ws.length ? `${where} has no usable WebSocket link: ${ws.map((l) => l.href).join(", ")} (only wss://, or ws:// on 127.0.0.1)` : `${where} has no WebSocket link (rel="${REL_WEBSOCKET}")`,
    );
  }
  const bosh = links.find((l) => l.rel === REL_BOSH)?.href;
  return { websocket, hostMeta: where, ...(bosh ? { bosh: new URL(bosh, base).href } : {}) };
}

/** Reads a file or a URL; undefined when it is not there (no file, HTTP 404); throws a VerifyError when unreachable. */
export type Reader = (where: string) => Promise<string | undefined>;

export interface EndpointOptions {
  websocket?: string;
  hostMeta?: string;
  /** a built site (public/) */
  siteDir?: string;
  domain: string;
}

export async function findEndpoint(o: EndpointOptions, read: Reader): Promise<Endpoint> {
  if (o.websocket) {
    const ws = usableWebsocket(o.websocket);
    if (!ws) throw new VerifyError(`--websocket ${o.websocket}: must be a wss:// URL (ws:// only on 127.0.0.1)`);
    return { websocket: ws };
  }
  const candidates = o.hostMeta
    ? [o.hostMeta]
    : o.siteDir
      ? [`${o.siteDir.replace(/\/$/, "")}/.well-known/host-meta.json`, `${o.siteDir.replace(/\/$/, "")}/.well-known/host-meta`]
      : [`https://${o.domain}/.well-known/host-meta.json`, `https://${o.domain}/.well-known/host-meta`];
  for (const where of candidates) {
    const body = await read(where);
    if (body !== undefined) return parseHostMeta(body, where);
  }
  throw new VerifyError(`no host-meta at ${candidates.join(" or ")}`);
}
