// A real OpenSSH server for tests: Debian's /usr/sbin/sshd in the foreground (-D) on 127.0.0.1:<free port>,
// with a throwaway host key and user key made by ssh-keygen in a temp folder (makeSshKeys), accepting only
// that key for the current user (root included: PermitRootLogin, StrictModes off, no PAM, pid file in the
// temp folder). `ssh` is the client command line (identity, known_hosts pinned to the throwaway host key)
// that publish reads from --ssh; stop() ends this sshd (sessions still open end with their connection).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, answers } from "./ports.ts";
import { Problem } from "../config/problem.ts";

export const SSHD = "/usr/sbin/sshd";

/** A throwaway host key and user key, shared by the test's servers, and the client command that trusts
 *  exactly that host key (HostKeyAlias: the same known_hosts line for every port) and offers that user key. */
export interface SshKeys {
  hostKey: string;
  userKey: string;
  /** "ssh -i … -o …": what publish gets as --ssh */
  ssh: string;
}

export async function makeSshKeys(dir: string): Promise<SshKeys> {
  await fs.mkdir(dir, { recursive: true });
  const hostKey = path.join(dir, "host_ed25519");
  const userKey = path.join(dir, "user_ed25519");
  for (const k of [hostKey, userKey]) execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "broccoli-test", "-f", k]);
  const hostPub = (await fs.readFile(`${hostKey}.pub`, "utf8")).split(" ").slice(0, 2).join(" ");
  const knownHosts = path.join(dir, "known_hosts");
  await fs.writeFile(knownHosts, `broccoli-test ${hostPub}\n`);
  const ssh = [
    "ssh",
    "-F /dev/null",
    `-i ${userKey}`,
    "-o IdentitiesOnly=yes",
    `-o UserKnownHostsFile=${knownHosts}`,
    "-o GlobalKnownHostsFile=/dev/null",
    "-o StrictHostKeyChecking=yes",
    "-o HostKeyAlias=broccoli-test",
    "-o CheckHostIP=no",
    "-o LogLevel=ERROR",
  ].join(" ");
  return { hostKey, userKey, ssh };
}

export interface Sshd {
  port: number;
  user: string;
  /** ssh client command with the options to reach this server: "ssh -i … -o …" */
  ssh: string;
  /** ssh://user@127.0.0.1:port<dir> */
  target(dir: string): string;
  /** the sshd master's pid */
  pid: number;
  stop(): Promise<void>;
}

/** `dir` holds the config and logs (made if missing); keys from makeSshKeys. */
export async function startSshd(dir: string, keys: SshKeys): Promise<Sshd> {
  await fs.mkdir(dir, { recursive: true });
  const { hostKey, userKey } = keys;
  await fs.copyFile(`${userKey}.pub`, path.join(dir, "authorized_keys"));
  await fs.mkdir(path.join(dir, "home"), { recursive: true });
  const port = await freePort();
  const user = os.userInfo().username;
  const config = path.join(dir, "sshd_config");
  await fs.writeFile(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      `AllowUsers ${user}`,
      "PermitRootLogin yes",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "PrintMotd no",
      "PrintLastLog no",
      "MaxStartups 50",
      "Subsystem sftp internal-sftp",
      // the login shell (bash) would read the user's ~/.bashrc on every command (Debian's bash does for ssh);
      // an empty home in the temp folder keeps the test's sessions independent of that
      `SetEnv HOME=${path.join(dir, "home")}`,
      "",
    ].join("\n"),
  );
  // privilege separation needs /run/sshd when sshd starts as root (normally made by the service unit)
  if (process.getuid?.() === 0) await fs.mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once("exit", (code) => ((exited = code), resolve())));
  // waits until sshd accepts connections (or dies); 200 x 25 ms is a cap for a slow machine, nothing is measured
  for (let i = 0; ; i++) {
    if (exited !== undefined) throw new Problem(`sshd exited (${exited}) before listening`, { hint: log.trim() });
    if (await answers(port)) break;
    if (i >= 200) {
      child.kill("SIGKILL");
      throw new Problem(`sshd did not answer on 127.0.0.1:${port}`, { hint: log.trim() });
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    port,
    user,
    ssh: keys.ssh,
    pid: child.pid ?? -1,
    target: (d: string) => `ssh://${user}@127.0.0.1:${port}${d}`,
    async stop() {
      if (exited === undefined) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000); // cleanup only
        await exit;
        clearTimeout(timer);
      }
    },
  };
}
