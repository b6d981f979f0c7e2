// QR codes for xmpp: URIs (shortcode xmpp): the element with data-qr gets an SVG drawn here, in the browser,
// with qrcode-generator — no image service. Pure parts (matrix, path) are unit-tested in qr.test.ts.
import qrcode from "qrcode-generator";

/** modules[row][col] is true for a dark module */
export type Modules = boolean[][];

/** The quiet zone around the code, in modules (the QR standard asks for 4). */
export const QUIET_ZONE = 4;

/** UTF-8 bytes of text as a "binary string" (one char per byte), which qrcode-generator encodes byte by byte. */
export function utf8Binary(text: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}

/** The module matrix for text, with error correction level M and the smallest version that fits. */
export function qrModules(text: string): Modules {
  const qr = qrcode(0, "M");
  qr.addData(utf8Binary(text), "Byte");
  qr.make();
  const n = qr.getModuleCount();
  const rows: Modules = [];
  for (let r = 0; r < n; r += 1) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c += 1) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/** One SVG path for all dark modules, a rectangle per horizontal run, offset by the quiet zone. */
export function modulesToPath(modules: Modules, margin = QUIET_ZONE): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      let end = x;
      while (end < row.length && row[end]) end += 1;
      const w = end - x;
      parts.push(`M${x + margin} ${y + margin}h${w}v1h-${w}z`);
      x = end;
    }
  });
  return parts.join("");
}

/** The side of the square viewBox: modules plus the quiet zone on both sides. */
export function viewBoxSize(modules: Modules, margin = QUIET_ZONE): number {
  return modules.length + 2 * margin;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function renderQr(el: HTMLElement): void {
  const text = el.dataset.qr;
  if (!text || el.querySelector("svg.qr")) return;
  const modules = qrModules(text);
  const size = viewBoxSize(modules);
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "qr");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", el.dataset.qrLabel ?? text);
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("class", "qr-bg");
  bg.setAttribute("width", String(size));
  bg.setAttribute("height", String(size));
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("class", "qr-fg");
  path.setAttribute("d", modulesToPath(modules));
  svg.append(bg, path);
  el.prepend(svg);
  el.hidden = false;
}

export function initQr(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>("[data-qr]").forEach((el) => {
    try {
      renderQr(el);
    } catch {
      // Text too long for a QR code: the link next to it still works; leave the box hidden.
    }
  });
}
