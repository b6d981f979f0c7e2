// The success section after a registration: the new address as text, xmpp: link and QR code. DOM edge.
import { fill } from "./messages.ts";
import { requestQr } from "./request-qr.ts";
import type { RegisterPage } from "./page.ts";

export function showSuccess(page: RegisterPage, jid: string): void {
  const { root } = page;
  const form = root.querySelector<HTMLFormElement>("[data-register-form]");
  const success = root.querySelector<HTMLElement>("[data-success]");
  if (!success) return;
  form?.reset();
  if (form) form.hidden = true;
  const uri = `xmpp:${jid}`;
  success.querySelector<HTMLElement>("[data-jid]")!.textContent = jid;
  const link = success.querySelector<HTMLAnchorElement>("[data-jid-link]")!;
  link.href = uri;
  link.textContent = uri;
  const qr = success.querySelector<HTMLElement>("[data-success-qr]");
  if (qr) {
    qr.dataset.qr = uri;
    qr.dataset.qrLabel = fill(qr.dataset.qrLabelTemplate ?? uri, { uri });
    requestQr(qr, { src: qr.dataset.qrSrc ?? "", integrity: qr.dataset.qrIntegrity ?? "" });
  }
  success.hidden = false;
  success.focus();
}
