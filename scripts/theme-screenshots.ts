// npm run theme:screenshots: the pictures the Hugo themes site shows of the broccoli theme, taken of its
// exampleSite's English home page (/en/; German is the default language at /) in the light scheme:
// themes/broccoli/images/screenshot.png (1500×1000) and images/tn.png (900×600, the same view scaled down). The exampleSite is built with plain hugo (the
// bundles the theme ships, no asset build), served from a temp folder on 127.0.0.1 and photographed
// with Debian's Chromium. Fails when the page asks another origin for anything, or a picture has the
// wrong size.
import http from "node:http";
import { existsSync, promises as fs } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { runHugo } from "./build/hugo.ts";
import { root, themeDir } from "./config/paths.ts";
import { parseCommand } from "./config/cli.ts";
import { Problem, printProblems } from "./config/problem.ts";

parseCommand({
  usage: "npm run theme:screenshots --",
  name: "theme:screenshots",
  summary: "Photographs the theme's exampleSite (/en/, light scheme) into themes/broccoli/images/screenshot.png (1500×1000) and tn.png (900×600).",
  options: {},
});

const exampleSite = path.join(themeDir, "exampleSite");
const imagesDir = path.join(themeDir, "images");
/** The page photographed: the home page in English, the language the Hugo themes site reads. */
const HOME = "/en/";

/** The sizes the Hugo themes site asks for. tn.png is the 1500×1000 view at scale 0.6, not a narrower layout. */
const SHOTS = [
  { file: "screenshot.png", width: 1500, height: 1000, scale: 1 },
  { file: "tn.png", width: 900, height: 600, scale: 0.6 },
] as const;
const VIEWPORT = { width: 1500, height: 1000 };

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** A static file server for a built site: folders answer with their index.html, unknown paths with the site's 404 page. */
function staticServer(dir: string): http.Server {
  return http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    let file = path.join(dir, path.normalize(urlPath));
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(400).end();
      return;
    }
    let status = 200;
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, "index.html");
      await fs.access(file);
    } catch {
      status = 404;
      // the 404 page of the language the path is in (the exampleSite's German lives under /de/)
      const lang = urlPath.split("/")[1] ?? "";
      file = path.join(dir, lang && existsSync(path.join(dir, lang, "404.html")) ? path.join(lang, "404.html") : "404.html");
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new Problem("not a PNG file");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-screenshots-"));
  const out = path.join(tmp, "site");
  // Listening before the build (port 0: the kernel picks a free one) leaves no gap in which another
  // process could take the port that the site's baseURL names.
  const server = staticServer(out);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // Hugo's resources and cache go to the temp folder too, not into the exampleSite (part of the repository)
    const warnings = await runHugo(["--source", exampleSite, "--destination", out, "--baseURL", `${origin}/`], {
      env: { HUGO_RESOURCEDIR: path.join(tmp, "resources"), HUGO_CACHEDIR: path.join(tmp, "cache") },
    });
    if (warnings) console.warn(warnings);

    await fs.mkdir(imagesDir, { recursive: true });
    for (const shot of SHOTS) {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: shot.scale, colorScheme: "light", reducedMotion: "reduce" });
      const page = await context.newPage();
      const elsewhere: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(`${origin}/`) && !r.url().startsWith("data:")) elsewhere.push(r.url());
      });
      const res = await page.goto(`${origin}${HOME}`, { waitUntil: "load" });
      if (!res?.ok()) throw new Problem(`the exampleSite's home page ${HOME} answered ${res?.status()}`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      if (elsewhere.length) throw new Problem(`the home page requested other origins: ${elsewhere.join(", ")}`);
      const png = await page.screenshot({ type: "png", animations: "disabled", caret: "hide", scale: "device" });
      await context.close();
      const { width, height } = pngSize(png);
      if (width !== shot.width || height !== shot.height) {
        throw new Problem(`${width}×${height}, expected ${shot.width}×${shot.height}`, { location: { file: path.join(imagesDir, shot.file) } });
      }
      const file = path.join(imagesDir, shot.file);
      await fs.writeFile(file, png);
      console.log(`theme:screenshots: ${path.relative(root, file)} ${width}×${height} (${Math.round(png.length / 1024)} KB)`);
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  printProblems(e, "theme:screenshots failed.");
  process.exit(1);
}
