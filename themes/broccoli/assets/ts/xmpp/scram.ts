// SASL SCRAM (RFC 5802) with SHA-1 and SHA-256 (RFC 7677), client side, on WebCrypto (crypto.subtle:
// PBKDF2, HMAC, digest), without channel binding (gs2 header "n,,"). Takes the name and password,
// gives the client's messages and checks the server's signature, so a server that does not know the
// password (a man in the middle) is caught. Node 20 has the same crypto.subtle, so the RFC test
// vectors run in the unit test.

export type ScramHash = "SHA-1" | "SHA-256";

/** A server message that breaks the protocol or a server signature that does not match. */
export class ScramError extends Error {
  constructor(
    /** "server-signature" (the server does not know the password), "server-error" (e=...) or "malformed" */
    readonly reason: "server-signature" | "server-error" | "malformed",
    message: string,
  ) {
    super(message);
    this.name = "ScramError";
  }
}

const enc = new TextEncoder();
/** bytes on a plain ArrayBuffer (what crypto.subtle takes) */
type Bytes = Uint8Array<ArrayBuffer>;

/** Standard base64 of bytes (btoa works on "binary strings"). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(b64: string): Bytes {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A UTF-8 string as base64 (SASL payloads travel base64-encoded in XMPP, RFC 6120 6.4.2). */
export const utf8ToBase64 = (s: string): string => toBase64(enc.encode(s));
export const base64ToUtf8 = (b64: string): string => new TextDecoder().decode(fromBase64(b64));

/** RFC 5802 5.1: "=" and "," in a name are written =3D and =2C. */
export function saslName(name: string): string {
  return name.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

/** The attributes of a SCRAM message ("r=..,s=..,i=.."): the first value of each letter. */
export function scramAttrs(msg: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of msg.split(",")) {
    const m = /^([a-zA-Z])=(.*)$/s.exec(part);
    if (m && !((m[1] as string) in out)) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** A random client nonce: 18 random bytes, base64 (printable, no comma). */
export function randomNonce(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(18)));
}

const subtle = () => crypto.subtle;
const bytes = (b: ArrayBuffer) => new Uint8Array(b);

async function hmac(hash: ScramHash, key: Bytes, data: Bytes): Promise<Bytes> {
  const k = await subtle().importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return bytes(await subtle().sign("HMAC", k, data));
}

async function pbkdf2(hash: ScramHash, password: Bytes, salt: Bytes, iterations: number): Promise<Bytes> {
  const k = await subtle().importKey("raw", password, "PBKDF2", false, ["deriveBits"]);
  const bits = hash === "SHA-1" ? 160 : 256;
  return bytes(await subtle().deriveBits({ name: "PBKDF2", hash, salt, iterations }, k, bits));
}

function xor(a: Bytes, b: Bytes): Bytes {
  return a.map((x, i) => x ^ (b[i] as number));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

export interface ScramClient {
  /** client-first-message, sent with <auth/> */
  readonly first: string;
  /**
   * Takes the server-first-message, returns the client-final-message (with the proof). Throws
   * ScramError("malformed") for a server nonce that does not extend ours, a missing salt or a bad
   * iteration count.
   */
  final(serverFirst: string): Promise<string>;
  /** Takes the server-final-message; throws ScramError unless it carries the expected signature. */
  verify(serverFinal: string): void;
}

/**
 * A SCRAM exchange for this name and password. The password is normalized with NFKC (the part of
 * SASLprep, RFC 4013, that changes ordinary passwords; the server does the same on its side).
 */
export function scram(hash: ScramHash, username: string, password: string, nonce: string = randomNonce()): ScramClient {
  const firstBare = `n=${saslName(username)},r=${nonce}`;
  let expected: Bytes | undefined;
  return {
    first: `n,,${firstBare}`,
    async final(serverFirst: string): Promise<string> {
      const a = scramAttrs(serverFirst);
      const r = a.r ?? "";
      const iterations = Number(a.i);
      if (a.m !== undefined) throw new ScramError("malformed", "server requires an unknown SCRAM extension");
      if (!r.startsWith(nonce) || r.length === nonce.length) throw new ScramError("malformed", "server nonce does not extend the client nonce");
      if (!a.s) throw new ScramError("malformed", "no salt");
      if (!Number.isInteger(iterations) || iterations < 1) throw new ScramError("malformed", `bad iteration count ${a.i ?? ""}`);
      let salt: Bytes;
      try {
        salt = fromBase64(a.s);
      } catch {
        throw new ScramError("malformed", "salt is not base64");
      }
      const salted = await pbkdf2(hash, enc.encode(password.normalize("NFKC")), salt, iterations);
      const clientKey = await hmac(hash, salted, enc.encode("Client Key"));
      const storedKey = bytes(await subtle().digest(hash, clientKey));
      const withoutProof = `c=biws,r=${r}`;
      const authMessage = enc.encode(`${firstBare},${serverFirst},${withoutProof}`);
      const clientSignature = await hmac(hash, storedKey, authMessage);
      const serverKey = await hmac(hash, salted, enc.encode("Server Key"));
      expected = await hmac(hash, serverKey, authMessage);
      return `${withoutProof},p=${toBase64(xor(clientKey, clientSignature))}`;
    },
    verify(serverFinal: string): void {
      const a = scramAttrs(serverFinal);
      if (a.e !== undefined) throw new ScramError("server-error", `server error ${a.e}`);
      let v: Bytes;
      try {
        v = fromBase64(a.v ?? "");
      } catch {
        throw new ScramError("malformed", "server signature is not base64");
      }
      if (!expected || !equalBytes(v, expected)) throw new ScramError("server-signature", "the server's signature does not match: it does not know the password");
    },
  };
}
