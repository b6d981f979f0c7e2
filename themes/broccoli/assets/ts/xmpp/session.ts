// A small XMPP-over-WebSocket session (RFC 7395) for unauthenticated work such as registration:
// open the stream, wait for the features, send iqs and match their answers by id, close.
// The socket and the timer are passed in, so the network edge is tested with a scripted fake server.
import { parse, serialize, type XEl } from "./xml.ts";
import { openFrame, closeFrame, classify, stanzaError, SUBPROTOCOL, type StanzaError } from "./framing.ts";
import type { ConnectionFailure } from "./errors.ts";

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

export class ConnectionError extends Error {
  constructor(readonly failure: ConnectionFailure, message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

export class IqError extends Error {
  constructor(readonly error: StanzaError) {
    super(`${error.condition}${error.text ? `: ${error.text}` : ""}`);
    this.name = "IqError";
  }
}

export interface SessionOptions {
  socket: SocketFactory;
  timer?: Timer;
  /** for connecting and for each answer */
  timeoutMs?: number;
  lang?: string;
}

export class Session {
  private pending = new Map<string, { resolve(iq: XEl): void; reject(e: Error): void; cancel(): void }>();
  private nextId = 0;
  private closed = false;

  private constructor(private readonly ws: SocketLike, private readonly timer: Timer, private readonly timeoutMs: number, readonly features: XEl) {}

  /** Connects and resolves once the server has sent its stream features. */
  static open(url: string, domain: string, o: SessionOptions): Promise<Session> {
    const timer = o.timer ?? realTimer;
    const timeoutMs = o.timeoutMs ?? 15000;
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
      const fail = (failure: ConnectionFailure, msg: string) => {
        if (session) {
          session.failAll(new ConnectionError(failure, msg));
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
        reject(new ConnectionError(failure, msg));
      };
      const cancel = timer(() => fail("timeout", `no stream features within ${timeoutMs} ms`), timeoutMs);
      ws.onopen = () => ws.send(serialize(openFrame(domain, o.lang)));
      ws.onerror = () => fail("unreachable", `websocket error on ${url}`);
      ws.onclose = () => fail("closed", "the server closed the connection");
      ws.onmessage = (ev) => {
        let frame: XEl;
        try {
          frame = parse(String(ev.data));
        } catch (e) {
          fail("closed", `unreadable frame: ${(e as Error).message}`);
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
          fail("closed", `stream error ${f.condition}`);
        } else if (f.kind === "close") {
          fail("closed", "the server closed the stream");
        }
      };
    });
  }

  private receive(f: ReturnType<typeof classify>): void {
    if (f.kind === "iq") {
      const id = f.iq.attrs.id ?? "";
      const p = this.pending.get(id);
      const type = f.iq.attrs.type;
      if (!p || (type !== "result" && type !== "error")) return;
      this.pending.delete(id);
      p.cancel();
      if (type === "result") p.resolve(f.iq);
      else p.reject(new IqError(stanzaError(f.iq)));
    } else if (f.kind === "stream-error" || f.kind === "close") {
      this.failAll(new ConnectionError("closed", f.kind === "stream-error" ? `stream error ${f.condition}` : "the server closed the stream"));
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) {
      p.cancel();
      p.reject(e);
    }
    this.pending.clear();
    this.close();
  }

  /** Sends an iq (its id is set here) and resolves with the result, or rejects with IqError/ConnectionError. */
  request(stanza: XEl): Promise<XEl> {
    if (this.closed) return Promise.reject(new ConnectionError("closed", "the session is closed"));
    this.nextId += 1;
    const id = `reg${this.nextId}`;
    stanza.attrs.id = id;
    return new Promise((resolve, reject) => {
      const cancel = this.timer(() => {
        this.pending.delete(id);
        reject(new ConnectionError("timeout", `no answer to ${id} within ${this.timeoutMs} ms`));
        this.close();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, cancel });
      this.ws.send(serialize(stanza));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
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
