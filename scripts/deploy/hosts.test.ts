import { test } from "node:test";
import assert from "node:assert/strict";
import { configuredHosts, healthPaths, hostsOfRun } from "./hosts.ts";
import { parseSshTarget } from "./remote.ts";
import { problemsOf, type Problem } from "../config/problem.ts";

const languages = [
  { code: "de", contentDir: "content/de", weight: 1, locale: "de-DE" },
  { code: "en", contentDir: "content/en", weight: 2, locale: "en-US" },
];
const cfg = (deploy: Record<string, unknown>) => ({ raw: { params: { deploy } }, languages, defaultContentLanguage: "de", defaultContentLanguageInSubdir: false });

test("hosts come from params.deploy.hosts; a command-line host takes the configured url of the same target", () => {
  const c = cfg({ hosts: [{ target: "ssh://deploy@web1.example.org/var/www/site", url: "https://web1.example.org/" }, "ssh://web2.example.org:2222/srv/site"] });
  assert.deepEqual(configuredHosts(c), [{ target: "ssh://deploy@web1.example.org/var/www/site", url: "https://web1.example.org/" }, { target: "ssh://web2.example.org:2222/srv/site" }]);
  assert.deepEqual(hostsOfRun(["ssh://deploy@web1.example.org/var/www/site", "ssh://x@y/z"], c), [
    { target: "ssh://deploy@web1.example.org/var/www/site", url: "https://web1.example.org/" },
    { target: "ssh://x@y/z" },
  ]);
  assert.deepEqual(configuredHosts(cfg({})), []);
});

test("a bad host entry names its key", () => {
  const c = cfg({ hosts: [{ target: "web1:/var/www" }, { target: "ssh://h/var/www/site/current" }, { target: "ssh://h/x", url: "ftp://h" }] });
  const text = (() => {
    try {
      configuredHosts(c);
      return "";
    } catch (e) {
      return problemsOf(e)
        .map((p) => p.message)
        .join("\n");
    }
  })();
  assert.match(text, /params\.deploy\.hosts\[0\]\.target: must be ssh:\/\//);
  assert.match(text, /params\.deploy\.hosts\[1\]\.target: .*is the live site/);
  assert.match(text, /params\.deploy\.hosts\[2\]\.url: must be the http\(s\):\/\/ base URL/);
});

test("the health check fetches each language's home page and host-meta unless configured", () => {
  assert.deepEqual(healthPaths(cfg({})), ["/", "/en/", "/.well-known/host-meta"]);
  assert.deepEqual(healthPaths(cfg({ healthCheck: ["/", "/impressum/"] })), ["/", "/impressum/"]);
  assert.throws(() => healthPaths(cfg({ healthCheck: ["impressum"] })), /params\.deploy\.healthCheck/);
});

test("ssh targets: user, host, port, path; the web root rules apply on the host too", () => {
  assert.deepEqual(parseSshTarget("ssh://deploy@web1.example.org:2222/var/www/site/"), {
    label: "ssh://deploy@web1.example.org:2222/var/www/site/",
    user: "deploy",
    host: "web1.example.org",
    port: 2222,
    path: "/var/www/site",
  });
  assert.deepEqual(parseSshTarget("ssh://[::1]/srv/www"), { label: "ssh://[::1]/srv/www", host: "::1", path: "/srv/www" });
  assert.throws(() => parseSshTarget("ssh://web1.example.org"), /no web root path/);
  assert.throws(() => parseSshTarget("ssh://u:pw@web1/x"), /no password/);
  assert.throws(
    () => parseSshTarget("ssh://web1/var/www/site/current"),
    (e: Problem) => /is the live site/.test(e.message) && e.hint === "give its parent folder: /var/www/site",
  );
});
