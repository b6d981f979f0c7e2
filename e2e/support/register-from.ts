// Registers an account the way the site's page does (the theme's own Session and registration flow),
// from Node instead of Chromium, so that the connection can come from a chosen loopback address
// (127.0.0.5, 127.0.0.6, …: Linux routes all of 127/8 to lo) and carry headers a browser would not send.
import WS from "ws";
import { Session, type SocketLike } from "../../themes/broccoli/assets/ts/xmpp/session.ts";
import { register, type Outcome } from "../../themes/broccoli/assets/ts/register/flow.ts";

export interface From {
  /** the client's source address (bound with the socket's localAddress) */
  localAddress: string;
  /** extra request headers of the WebSocket handshake, e.g. a forged X-Forwarded-For */
  headers?: Record<string, string>;
}

/** Opens a WebSocket to `url` from `from.localAddress` and registers username/password on `domain`. */
export function registerFrom(url: string, domain: string, from: From, username: string, password: string): Promise<Outcome> {
  const socket = (u: string, protocol: string): SocketLike => new WS(u, protocol, { localAddress: from.localAddress, headers: from.headers ?? {} }) as unknown as SocketLike;
  return register(() => Session.open(url, domain, { socket, timeoutMs: 15_000 }), { domain, username, password });
}
