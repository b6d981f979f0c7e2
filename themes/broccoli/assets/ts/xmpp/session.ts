// A small XMPP-over-WebSocket session (RFC 7395) for unauthenticated work such as registration:
// open the stream, wait for the features, send iqs (get/set) and match their answers by id, close.
// The socket and the timer are passed in, so the network edge is tested with a scripted fake server.
import { parse, serialize, children, XmlError, DEFAULT_LIMITS, type ParseLimits, type XEl } from "./xml.ts";
import { openFrame, closeFrame, classify, iq, SUBPROTOCOL, type Frame } from "./framing.ts";
import { ConnectionError, StanzaError, StreamError, stanzaError, type ConnectionFailure } from "./errors.ts";

export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
}
export type SocketFactory = (url: string, protocol: string) => SocketLike;
/** starts a timer; returns its cancel function */
export type Timer = (fn: () => void, ms: number) => () => void;

export const realTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** How long the page waits for the server: to connect, for each answer, and for the discovery of the endpoint. */
export const TIMEOUT_MS = 15000;

export interface SessionOptions {
  socket: SocketFactory;
  timer?: Timer;
  /** for connecting and for each answer */
  timeoutMs?: number;
  lang?: string;
  /** the largest and deepest frame accepted (xml.ts DEFAULT_LIMITS unless given, e.g. for a big roster) */
  limits?: ParseLimits;
}

export class Session {
  private pending = new Map<string, { resolve(payload: XEl | undefined): void; reject(e: Error): void; cancel(): void }>();
  /** next() callers: each looks at the frames that are not iq answers until its pick returns a value */
  private waiters: Array<{ pick(f: Frame): unknown; resolve(v: unknown): void; reject(e: Error): void; cancel(): void }> = [];
  private nextId = 0;
  private closed = false;

  private constructor(
    private readonly ws: SocketLike,
    private readonly timer: Timer,
    private readonly timeoutMs: number,
    readonly features: XEl,
  ) {}

  /**
   * Connects and resolves once the server has sent its stream features. Rejects with StreamError when
   * the server refuses the stream (host-unknown, ...), with ConnectionError when it cannot be reached,
   * closes or stays silent.
   */
  static open(url: string, domain: string, o: SessionOptions): Promise<Session> {
    const timer = o.timer ?? realTimer;
    const timeoutMs = o.timeoutMs ?? TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let ws: SocketLike;
      try {
        ws = o.socket(url, SUBPROTOCOL);
      } catch (e) {
        reject(new ConnectionError("unreachable", (e as Error).message));
        return;
      }
      let settled = false;
      let session: Session | undefined;
      const fail = (e: Error) => {
        if (session) {
          session.failAll(e);
          return;
        }
        if (settled) return;
        settled = true;
        cancel();
        try {
          ws.close();
        } catch {
          /* already closed */
        }
        reject(e);
      };
      const lost = (failure: ConnectionFailure, msg: string) => fail(new ConnectionError(failure, msg));
      const cancel = timer(() => lost("timeout", `no stream features within ${timeoutMs} ms`), timeoutMs);
      ws.onopen = () => ws.send(serialize(openFrame(domain, o.lang)));
      ws.onerror = () => lost("unreachable", `websocket error on ${url}`);
      ws.onclose = () => lost("closed", "the server closed the connection");
      ws.onmessage = (ev) => {
        let frame: XEl;
        try {
          frame = parse(String(ev.data), o.limits ?? DEFAULT_LIMITS);
        } catch (e) {
          // a frame this side cannot or will not read (broken, over the size or depth limit) ends the
          // stream the way RFC 6120 4.9 has a receiver end it, with the condition that says why
          const condition = e instanceof XmlError ? e.condition : "not-well-formed";
          fail(new StreamError({ condition, text: `unreadable frame: ${(e as Error).message}` }));
          return;
        }
        const f = classify(frame);
        if (session) {
          session.receive(f);
          return;
        }
        if (f.kind === "features") {
          settled = true;
          cancel();
          session = new Session(ws, timer, timeoutMs, f.features);
          resolve(session);
        } else if (f.kind === "stream-error") {
          fail(new StreamError(f));
        } else if (f.kind === "close") {
          lost("closed", "the server closed the stream");
        }
      };
    });
  }

  private receive(f: Frame): void {
    if (f.kind !== "iq" && f.kind !== "stream-error" && f.kind !== "close") {
      const i = this.waiters.findIndex((w) => w.pick(f) !== undefined);
      const w = this.waiters[i];
      if (w) {
        this.waiters.splice(i, 1);
        w.cancel();
        w.resolve(w.pick(f));
      }
      return;
    }
    if (f.kind === "iq") {
      const id = f.iq.attrs.id ?? "";
      const p = this.pending.get(id);
      const type = f.iq.attrs.type;
      if (!p || (type !== "result" && type !== "error")) return;
      this.pending.delete(id);
      p.cancel();
      if (type === "result") p.resolve(children(f.iq)[0]);
      else p.reject(new StanzaError(stanzaError(f.iq)));
    } else if (f.kind === "stream-error") {
      this.failAll(new StreamError(f));
    } else if (f.kind === "close") {
      this.failAll(new ConnectionError("closed", "the server closed the stream"));
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) {
      p.cancel();
      p.reject(e);
    }
    this.pending.clear();
    for (const w of this.waiters.splice(0)) {
      w.cancel();
      w.reject(e);
    }
    this.close();
  }

  /** Sends one element that is not an iq request (SASL's <auth/> and <response/>, RFC 6120 6.4). */
  send(element: XEl): void {
    if (this.closed) throw new ConnectionError("closed", "the session is closed");
    this.ws.send(serialize(element));
  }

  /**
   * Waits for the next incoming frame (not an iq answer) that `pick` turns into a value, and resolves
   * with that value; frames pick returns undefined for are passed over. Rejects like get() when the
   * stream ends, the connection fails or nothing comes within the timeout.
   */
  next<T>(pick: (f: Frame) => T | undefined): Promise<T> {
    if (this.closed) return Promise.reject(new ConnectionError("closed", "the session is closed"));
    return new Promise<T>((resolve, reject) => {
      const w = {
        pick,
        resolve: resolve as (v: unknown) => void,
        reject,
        cancel: this.timer(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(new ConnectionError("timeout", `no answer within ${this.timeoutMs} ms`));
          this.close();
        }, this.timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  /**
   * Restarts the stream after SASL success (RFC 6120 6.4.6; RFC 7395 3.3.2: a new <open/>) and
   * resolves with the new stream features.
   */
  restart(domain: string, lang?: string): Promise<XEl> {
    const features = this.next((f) => (f.kind === "features" ? f.features : undefined));
    this.send(openFrame(domain, lang));
    return features;
  }

  /**
   * Sends <iq type="get"> with this payload and a fresh id. Resolves with the payload of the result
   * (undefined when the result is empty); rejects with StanzaError when the server answers with an
   * error, StreamError when it ends the stream, ConnectionError when the connection fails or times out.
   */
  get(payload: XEl): Promise<XEl | undefined> {
    return this.request("get", payload);
  }

  /** Sends <iq type="set"> with this payload; answers and errors as get(). */
  set(payload: XEl): Promise<XEl | undefined> {
    return this.request("set", payload);
  }

  private request(type: "get" | "set", payload: XEl): Promise<XEl | undefined> {
    if (this.closed) return Promise.reject(new ConnectionError("closed", "the session is closed"));
    this.nextId += 1;
    const id = `iq${this.nextId}`;
    return new Promise((resolve, reject) => {
      const cancel = this.timer(() => {
        this.pending.delete(id);
        reject(new ConnectionError("timeout", `no answer to ${id} within ${this.timeoutMs} ms`));
        this.close();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, cancel });
      this.ws.send(serialize(iq(type, id, payload)));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.splice(0)) {
      w.cancel();
      w.reject(new ConnectionError("closed", "the session is closed"));
    }
    try {
      this.ws.send(serialize(closeFrame()));
    } catch {
      /* socket already gone */
    }
    try {
      this.ws.close();
    } catch {
      /* already closed */
    }
  }
}
