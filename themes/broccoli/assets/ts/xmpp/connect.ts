// The browser edge of the protocol: find the server's WebSocket through the site's own host-meta
// (XEP-0156) and open a session there. fetch and WebSocket are the browser's unless passed in.
import { discoverWebsocket, type Fetcher } from "./hostmeta.ts";
import { Session, type SocketFactory, type SocketLike, type Timer } from "./session.ts";
import { ConnectionError } from "./errors.ts";

export interface ConnectOptions {
  /** the site whose /.well-known/host-meta names the endpoint */
  origin: string;
  /** the XMPP domain the stream is opened to */
  domain: string;
  lang?: string;
  fetcher?: Fetcher;
  socket?: SocketFactory;
  timer?: Timer;
  /** for discovery, connecting and each answer (the session's default unless given) */
  timeoutMs?: number;
}

export const browserFetch: Fetcher = (u, signal) => fetch(u, { credentials: "omit", ...(signal ? { signal } : {}) });
export const browserSocket: SocketFactory = (url, protocol) => new WebSocket(url, protocol) as unknown as SocketLike;

/**
 * Rejects with ConnectionError("discovery") when host-meta names no usable endpoint, with
 * ConnectionError("timeout") when host-meta does not answer in time (as the session does), else as Session.open.
 */
export async function connect(o: ConnectOptions): Promise<Session> {
  const timing = { ...(o.timer ? { timer: o.timer } : {}), ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) };
  const ws = await discoverWebsocket(o.origin, o.fetcher ?? browserFetch, timing);
  if (!ws) throw new ConnectionError("discovery", "no websocket endpoint in host-meta");
  return Session.open(ws, o.domain, { socket: o.socket ?? browserSocket, ...timing, ...(o.lang ? { lang: o.lang } : {}) });
}
