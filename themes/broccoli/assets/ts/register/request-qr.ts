// Asks the theme's QR bundle (qr.ts: qrcode-generator) to draw a code into a box filled in later.
// DOM edge, used by the register page (after success) and the invite page.

/**
 * Has qr.js draw the code into el from its data-qr. Pages that show a QR code at once load qr.js
 * themselves; the register page shows one only after success, so it names the bundle in
 * data-qr-src/-integrity and it is fetched then (same origin, SRI). Without it, the link beside the
 * box stays alone.
 */
export function requestQr(el: HTMLElement, bundle?: { src: string; integrity: string }): void {
  const ask = () => el.dispatchEvent(new Event("broccoli:qr", { bubbles: true }));
  if (!bundle?.src || document.querySelector(`script[src="${CSS.escape(bundle.src)}"]`)) {
    ask();
    return;
  }
  const script = document.createElement("script");
  script.src = bundle.src;
  if (bundle.integrity) script.integrity = bundle.integrity;
  script.addEventListener("load", ask);
  document.head.append(script);
}
