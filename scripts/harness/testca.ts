// A throw-away certificate authority and a server certificate for 127.0.0.1/localhost, made with
// openssl at test time (nothing secret is committed). Used by the nginx TLS tests.
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";

export interface TestCA {
  dir: string;
  caCert: string;
  /** the CA certificate's PEM text, for tls/https `ca` */
  caPem: string;
  cert: string;
  key: string;
}

/** keyType "rsa" lets a test offer static-RSA (non forward-secret) ciphers and see them refused. */
export async function makeTestCA(dir: string, names: string[] = ["localhost"], keyType: "ec" | "rsa" = "ec"): Promise<TestCA> {
  await fs.mkdir(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  ssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Broccoli Test CA",
    "-keyout",
    p("ca.key"),
    "-out",
    p("ca.pem"),
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  const serverKey = keyType === "rsa" ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
  ssl("req", ...serverKey, "-nodes", "-subj", `/CN=${names[0]}`, "-keyout", p("server.key"), "-out", p("server.csr"));
  const san = ["IP:127.0.0.1", ...names.map((n) => `DNS:${n}`)].join(",");
  await fs.writeFile(p("ext.cnf"), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature${keyType === "rsa" ? ",keyEncipherment" : ""}\nextendedKeyUsage=serverAuth\n`);
  ssl("x509", "-req", "-in", p("server.csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", p("ext.cnf"), "-out", p("server.pem"));
  return { dir, caCert: p("ca.pem"), caPem: await fs.readFile(p("ca.pem"), "utf8"), cert: p("server.pem"), key: p("server.key") };
}
