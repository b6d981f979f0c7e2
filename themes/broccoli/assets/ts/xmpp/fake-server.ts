// Test support, never bundled: a scripted stand-in for Prosody's side of the WebSocket and a timer
// the test fires, so Session and what runs over it are tested in Node without a server.
import { parse, child, type XEl } from "./xml.ts";
import type { SocketLike, Timer } from "./session.ts";

export const OPEN = "<open from='magicbroccoli.de' xml:lang='en' version='1.0' xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='s1'/>";
export const FEATURES_OPEN =
  "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><register xmlns='urn:xmpp:ibr-token:0'/><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>";
export const FEATURES_CLOSED = "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>";
export const QUERY_RESULT = (id: string) =>
  `<iq xmlns='jabber:client' type='result' id='${id}'><query xmlns='jabber:iq:register'><instructions>Choose a username and password.</instructions><username/><password/><x xmlns='jabber:x:data' type='form'><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field type='text-single' var='username'><required/></field><field type='text-private' var='password'><required/></field></x></query></iq>`;
export const ERR = (id: string, cond: string, t = "", type = "cancel") =>
  `<iq xmlns='jabber:client' type='error' id='${id}'><error type='${type}'><${cond} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>${t ? `<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${t}</text>` : ""}</error></iq>`;
export const STREAM_ERR = (cond: string) => `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><${cond} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`;

/** A scripted stand-in for the server side of the socket: answers each frame the page sends. */
export class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  constructor(readonly answer: (frame: XEl) => string[]) {
    queueMicrotask(() => this.onopen?.({}));
  }
  send(data: string) {
    this.sent.push(data);
    const replies = this.answer(parse(data));
    queueMicrotask(() => replies.forEach((r) => this.onmessage?.({ data: r })));
  }
  close() {
    this.closed = true;
  }
}

/** A timer that fires only when the test says so. */
export function manualTimer() {
  const timers = new Map<() => void, number>();
  const timer: Timer = (fn, ms) => {
    timers.set(fn, ms);
    return () => timers.delete(fn);
  };
  return { timer, fireAll: () => [...timers.keys()].forEach((f) => f()), count: () => timers.size, delays: () => [...timers.values()] };
}

export interface ServerScript {
  features?: string;
  register?: (set: XEl, id: string) => string;
  preauth?: (token: string, id: string) => string;
  query?: (id: string) => string;
}

/** A registration server: opens the stream, answers preauth, the registration query and the registration set. */
export function server(script: ServerScript, log: string[] = []) {
  let sock: FakeSocket | undefined;
  const factory = (url: string, proto: string) => {
    log.push(`connect ${url} ${proto}`);
    sock = new FakeSocket((f) => {
      if (f.name === "open") return [OPEN, script.features ?? FEATURES_OPEN];
      if (f.name !== "iq") return [];
      const id = f.attrs.id ?? "";
      const pre = child(f, "preauth", "urn:xmpp:pars:0");
      if (pre) return [script.preauth ? script.preauth(pre.attrs.token ?? "", id) : `<iq xmlns='jabber:client' type='result' id='${id}'/>`];
      if (f.attrs.type === "get") return [script.query ? script.query(id) : QUERY_RESULT(id)];
      return [script.register ? script.register(f, id) : `<iq xmlns='jabber:client' type='result' id='${id}'/>`];
    });
    return sock;
  };
  return { factory, socket: () => sock as FakeSocket };
}
