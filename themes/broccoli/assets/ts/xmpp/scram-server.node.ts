// Test support for Node (*.node.ts: type-checked with the Node code, never bundled): the server side of SCRAM (RFC 5802) in Node's crypto, and a scripted
// XMPP server over FakeSocket that authenticates with it, restarts the stream and binds — so the
// browser's login and account code is tested against an independent implementation.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { child, text, type XEl } from "./xml.ts";
import { FakeSocket, OPEN } from "./fake-server.ts";

const algo = (m: string) => (m === "SCRAM-SHA-256" ? "sha256" : "sha1");
const SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

export const features = (mechs: string[]) =>
  `<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='${SASL}'>${mechs.map((m) => `<mechanism>${m}</mechanism>`).join("")}</mechanisms></stream:features>`;
export const FEATURES_BOUND = "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>";
export const saslFailure = (cond: string) => `<failure xmlns='${SASL}'><${cond}/></failure>`;

export interface ScriptedAccount {
  username: string;
  password: string;
  mechanisms: string[];
  /** answers to iq sets after binding (by default an empty result) */
  iq?: (iq: XEl, id: string) => string[];
  /** tamper with the server signature */
  badSignature?: boolean;
}

/** The SCRAM server: returns the server-first message, then checks the proof and returns server-final (or null for a wrong password). */
export function scramServer(mechanism: string, password: string) {
  const a = algo(mechanism);
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, a === "sha256" ? 32 : 20, a);
  let firstBare = "";
  let serverFirst = "";
  return {
    first(clientFirst: string): string {
      firstBare = clientFirst.replace(/^n,,/, "");
      const cnonce = /,r=([^,]+)/.exec(firstBare)?.[1] ?? "";
      serverFirst = `r=${cnonce}${randomBytes(9).toString("base64")},s=${salt.toString("base64")},i=${iterations}`;
      return serverFirst;
    },
    final(clientFinal: string): string | null {
      const withoutProof = clientFinal.replace(/,p=[^,]*$/, "");
      const proof = Buffer.from(/,p=([^,]*)$/.exec(clientFinal)?.[1] ?? "", "base64");
      const auth = `${firstBare},${serverFirst},${withoutProof}`;
      const clientKey = createHmac(a, salted).update("Client Key").digest();
      const storedKey = createHash(a).update(clientKey).digest();
      const sig = createHmac(a, storedKey).update(auth).digest();
      const expected = Buffer.from(clientKey.map((x, i) => x ^ (sig[i] as number)));
      if (proof.length !== expected.length || !timingSafeEqual(proof, expected)) return null;
      const serverKey = createHmac(a, salted).update("Server Key").digest();
      return `v=${createHmac(a, serverKey).update(auth).digest("base64")}`;
    },
  };
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

/** An XMPP server with one account: SASL (SCRAM or PLAIN), stream restart, bind, then the iq script. */
export function accountServer(acc: ScriptedAccount, log: string[] = []) {
  let sock: FakeSocket | undefined;
  const factory = () => {
    let scr: ReturnType<typeof scramServer> | undefined;
    let authed = false;
    sock = new FakeSocket((f) => {
      if (f.name === "open") return [OPEN, authed ? FEATURES_BOUND : features(acc.mechanisms)];
      if (f.name === "auth") {
        const mech = f.attrs.mechanism ?? "";
        log.push(`auth ${mech}`);
        if (!acc.mechanisms.includes(mech)) return [saslFailure("invalid-mechanism")];
        const initial = unb64(text(f));
        if (mech === "PLAIN") {
          const [, user, pw] = initial.split("\0");
          authed = user === acc.username && pw === acc.password;
          return [authed ? `<success xmlns='${SASL}'/>` : saslFailure("not-authorized")];
        }
        scr = scramServer(mech, acc.password);
        if (!initial.includes(`n=${acc.username},`)) return [saslFailure("not-authorized")];
        return [`<challenge xmlns='${SASL}'>${b64(scr.first(initial))}</challenge>`];
      }
      if (f.name === "response" && scr) {
        const fin = scr.final(unb64(text(f)));
        if (!fin) return [saslFailure("not-authorized")];
        authed = true;
        return [`<success xmlns='${SASL}'>${b64(acc.badSignature ? "v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=" : fin)}</success>`];
      }
      if (f.name === "iq") {
        const id = f.attrs.id ?? "";
        if (child(f, "bind")) {
          log.push("bind");
          return [`<iq xmlns='jabber:client' type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${acc.username}@magicbroccoli.de/web1</jid></bind></iq>`];
        }
        return acc.iq ? acc.iq(f, id) : [`<iq xmlns='jabber:client' type='result' id='${id}'/>`];
      }
      return [];
    });
    return sock;
  };
  return { factory, socket: () => sock as FakeSocket };
}
