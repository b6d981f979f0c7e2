// Names the browser code, the build scripts and the tests share, each written once here: the XEP-0156
// link relations, and the hosts where plain ws:// / http:// are allowed (loopback, for local tests;
// anywhere else a password must not travel unencrypted). Pure data: no DOM, no Node.

/** XEP-0156 link relation of a WebSocket endpoint (RFC 7395). */
export const REL_WEBSOCKET = "urn:xmpp:alt-connections:websocket";
/** XEP-0156 link relation of a BOSH endpoint (XEP-0206). */
export const REL_BOSH = "urn:xmpp:alt-connections:xbosh";

/** Loopback host names as URL.hostname gives them (IPv6 in brackets) and as written bare. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** True for a loopback host (127.0.0.1, localhost, ::1), the only place ws:// and http:// are accepted. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}
