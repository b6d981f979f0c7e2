import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { randomBytes } from "node:crypto";
import { analyseHtml, budgetViolations, gzipSize, resourceKind, pageReport, parseAttrs, type Resource } from "./measure.ts";

const base = "http://127.0.0.1:8080";
const res = (path: string, contentType: string, body: string | Buffer, status = 200): Resource => ({
  url: path.startsWith("http") ? path : `${base}${path}`,
  status,
  contentType,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  transferred: Buffer.byteLength(body) + 100,
});

// Bytes that do not compress, so sizes can be steered: n of them gzip to a little over n.
const noise = (n: number, _seed = 1): Buffer => randomBytes(n);

const page = (head: string, body = "<p>Hallo") => `<!doctype html><html lang=de><head><title>x</title>${head}</head><body>${body}</body></html>`;

test("minified attributes without quotes are read like quoted ones", () => {
  assert.deepEqual(parseAttrs(`<link rel=stylesheet href=/dist/css/main.abc.css integrity="sha384-a/b+c=" media='print'>`), {
    rel: "stylesheet",
    href: "/dist/css/main.abc.css",
    integrity: "sha384-a/b+c=",
    media: "print",
  });
  assert.deepEqual(parseAttrs(`<script src=/dist/js/main.js defer>`), { src: "/dist/js/main.js", defer: "" });
});

test("a deferred script does not block; a plain one does; print CSS does not block", () => {
  const facts = analyseHtml(
    page(
      `<link rel=stylesheet href=/dist/css/main.css><link rel=stylesheet href=/p.css media=print><script src=/dist/js/theme-init.js></script>`,
      `<script src=/dist/js/main.js defer></script><script type=module src=/m.js></script><script async src=/a.js></script>`,
    ),
    `${base}/technik/`,
  );
  assert.deepEqual(facts.blockingStyles, [`${base}/dist/css/main.css`]);
  assert.deepEqual(facts.blockingScripts, [`${base}/dist/js/theme-init.js`]);
  assert.equal(facts.inlineScripts, 0);
});

test("images without width or height, inline scripts and style attributes are found", () => {
  const facts = analyseHtml(
    page(
      "",
      `<img src=/a.png width=10 height=10 alt=a><img src=/b.png width=10 alt=b><img alt=c src="/c d.png"><p style="color:red">x<script>alert(1)</script><script type=application/ld+json>{}</script>`,
    ),
    `${base}/`,
  );
  assert.deepEqual(facts.imagesWithoutSize, ["/b.png", "/c d.png"]);
  assert.equal(facts.inlineScripts, 1);
  assert.equal(facts.inlineStyles, 1);
});

test("markup inside a script or a comment is not taken for elements", () => {
  const facts = analyseHtml(page(`<!-- <script src=/old.js></script> -->`, `<script src=/dist/js/main.js defer>"<img src=x>"</script>`), `${base}/`);
  assert.deepEqual(facts.blockingScripts, []);
  assert.deepEqual(facts.imagesWithoutSize, []);
});

test("responses are sorted by content type, then by extension", () => {
  assert.equal(resourceKind("text/html; charset=utf-8", `${base}/`), "html");
  assert.equal(resourceKind("text/css", `${base}/x`), "css");
  assert.equal(resourceKind("application/javascript", `${base}/x`), "js");
  assert.equal(resourceKind("text/javascript", `${base}/x`), "js");
  assert.equal(resourceKind("image/svg+xml", `${base}/i.svg`), "image");
  assert.equal(resourceKind("font/woff2", `${base}/f`), "font");
  assert.equal(resourceKind("application/octet-stream", `${base}/f.woff2`), "font");
  assert.equal(resourceKind("", `${base}/a.css`), "css");
  assert.equal(resourceKind("application/json", `${base}/a.json`), "other");
});

test("gzipSize is the size of gzip -9 output", () => {
  const s = "Broccoli ".repeat(500);
  assert.equal(gzipSize(s), zlib.gzipSync(s, { level: 9 }).length);
  assert.ok(gzipSize(s) < 200);
});

const css = "body{margin:0}".repeat(50);
const html = page(`<link rel=stylesheet href=/dist/css/main.abc.css>`, `<img src=/i.png width=1 height=1 alt=i><script src=/dist/js/main.abc.js defer></script>`);

test("a small page within its budgets has no violations and is totalled by kind", () => {
  const r = pageReport(`${base}/`, html, [
    res("/", "text/html", html),
    res("/dist/css/main.abc.css", "text/css", css),
    res("/dist/js/main.abc.js", "application/javascript", "console.log(1)"),
    res("/i.png", "image/png", Buffer.alloc(300)),
  ]);
  assert.deepEqual(budgetViolations(r), []);
  assert.equal(r.requests, 4);
  assert.equal(r.byKind.image.bytes, 300);
  assert.equal(r.byKind.css.gzip, gzipSize(css));
  assert.equal(r.blockingCssGzip, gzipSize(css));
  assert.equal(r.htmlGzip, gzipSize(html));
  assert.equal(r.transferred, html.length + css.length + 14 + 300 + 400);
});

test("HTML plus blocking CSS over 14 KB gzip breaks the first-round-trip budget", () => {
  const big = noise(15 * 1024);
  const r = pageReport(`${base}/technik/`, html, [res("/", "text/html", html), res("/dist/css/main.abc.css", "text/css", big)]);
  const v = budgetViolations(r);
  assert.equal(v.length, 1);
  assert.match(v[0] as string, /^\/technik\/: HTML .* render-blocking CSS .* budget 14\.0 KB$/);
});

test("only theme-init may block, and only under 1 KB", () => {
  const h = page(`<script src=/dist/js/theme-init.0a1b.js></script><script src=/dist/js/other.js></script>`);
  const small = pageReport(`${base}/`, h, [res("/dist/js/theme-init.0a1b.js", "text/javascript", "document.documentElement.dataset.t=1"), res("/dist/js/other.js", "text/javascript", "1")]);
  assert.deepEqual(budgetViolations(small), ["/: render-blocking script /dist/js/other.js (only the theme-init script may block)"]);
  const big = pageReport(`${base}/`, h.replace(/<script src=\/dist\/js\/other.js><\/script>/, ""), [res("/dist/js/theme-init.0a1b.js", "text/javascript", noise(1500))]);
  assert.match(budgetViolations(big)[0] as string, /theme-init\.0a1b\.js is 1\.\d KB gzip, budget 1\.0 KB/);
});

test("JavaScript over 3 KB breaks the budget, except the registration bundle on its own pages", () => {
  const reg = res("/dist/js/register.ff.js", "text/javascript", noise(6000, 2));
  const main = res("/dist/js/main.abc.js", "text/javascript", noise(2000, 3));
  for (const p of ["/register/", "/en/register/", "/invite/", "/en/invite/"]) {
    assert.deepEqual(budgetViolations(pageReport(`${base}${p}`, html, [main, reg])), [], p);
  }
  const inv = res("/dist/js/invite.0a.js", "text/javascript", noise(6000, 5));
  assert.deepEqual(budgetViolations(pageReport(`${base}/en/invite/`, html, [main, inv])), []);
  const elsewhere = budgetViolations(pageReport(`${base}/technik/`, html, [main, reg]));
  assert.ok(
    elsewhere.some((v) => /JavaScript gzip, budget 3\.0 KB/.test(v)),
    elsewhere.join("\n"),
  );
  assert.ok(
    elsewhere.some((v) => /loads \/dist\/js\/register\.ff\.js, which belongs to other pages/.test(v)),
    elsewhere.join("\n"),
  );
  const heavyMain = budgetViolations(pageReport(`${base}/register/`, html, [res("/dist/js/main.abc.js", "text/javascript", noise(4000, 4)), reg]));
  assert.equal(heavyMain.length, 1);
});

test("the QR bundle counts on its own only on pages that show a QR code", () => {
  const qr = res("/dist/js/qr.12ab.js", "text/javascript", noise(6000, 6));
  const main = res("/dist/js/main.abc.js", "text/javascript", "1");
  const withQr = page("", `<div class=xmpp-uri-qr data-qr=xmpp:a@b hidden></div>`);
  assert.deepEqual(budgetViolations(pageReport(`${base}/xmpp/`, withQr, [main, qr])), []);
  const v = budgetViolations(pageReport(`${base}/about/`, html, [main, qr]));
  assert.ok(
    v.some((x) => /loads \/dist\/js\/qr\.12ab\.js, which belongs to other pages/.test(x)),
    v.join("\n"),
  );
});

test("other origins, fonts and images without size are each named", () => {
  const h = page("", `<img src=/x.png alt=x>`);
  const v = budgetViolations(pageReport(`${base}/`, h, [res("/", "text/html", h), res("https://cdn.example/lib.js", "text/javascript", "1", 0), res("/f.woff2", "font/woff2", Buffer.alloc(10))]));
  assert.deepEqual(v, ["/: request to another origin: https://cdn.example/lib.js", `/: font file requested: ${base}/f.woff2`, '/: <img src="/x.png"> without width and height']);
});
