// Minimal types for the two untyped packages the e2e helpers use.
declare module "ws" {
  const WebSocket: typeof globalThis.WebSocket;
  export default WebSocket;
}

declare module "@xmpp/client" {
  import type { EventEmitter } from "node:events";
  export interface XmppClient extends EventEmitter {
    start(): Promise<{ toString(): string }>;
    stop(): Promise<void>;
    reconnect: { stop(): void };
    send(element: XmlElement): Promise<void>;
  }
  export interface XmlElement {
    name: string;
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
