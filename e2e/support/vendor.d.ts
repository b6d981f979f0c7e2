// Minimal types for the two untyped packages the e2e helpers and scripts/server/ use.
declare module "ws" {
  /** ws's client options (third constructor argument) that the e2e helpers use */
  interface ClientOptions {
    /** source address of the connection */
    localAddress?: string;
    /** extra handshake request headers */
    headers?: Record<string, string>;
  }
  const WebSocket: typeof globalThis.WebSocket & { new (url: string, protocols: string | string[], options: ClientOptions): globalThis.WebSocket };
  export default WebSocket;
}

declare module "@xmpp/client" {
  import type { EventEmitter } from "node:events";
  export interface XmppClient extends EventEmitter {
    start(): Promise<{ toString(): string }>;
    stop(): Promise<void>;
    reconnect: { stop(): void };
    iqCaller: { request(stanza: XmlElement, timeout?: number): Promise<XmlElement> };
    send(element: XmlElement): Promise<void>;
  }
  /** an ltx element */
  export interface XmlElement {
    is(name: string, xmlns?: string): boolean;
    toString(): string;
  }
  export function xml(name: string, attrs?: Record<string, string | undefined>, ...children: XmlElement[]): XmlElement;
  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;
  export function client(options: {
    service: string;
    domain: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>;
  }): XmppClient;
}
