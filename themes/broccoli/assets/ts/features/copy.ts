// Copy-to-clipboard buttons for code blocks (.code-block) and copyable values ([data-copy] in a labelled container).
import { readCopyLabels, normaliseCode, type CopyLabels } from "./copy-labels.ts";

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function makeButton(labels: CopyLabels, getText: () => string, what: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-button";
  button.textContent = labels.copy;
  if (what) button.setAttribute("aria-label", `${labels.copy}: ${what}`);
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  let timer: number | undefined;
  button.addEventListener("click", async () => {
    const ok = await writeClipboard(getText());
    button.textContent = ok ? labels.copied : labels.copy;
    status.textContent = ok ? labels.copied : labels.failed;
    button.dataset.state = ok ? "copied" : "failed";
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      button.textContent = labels.copy;
      delete button.dataset.state;
    }, 2000);
  });
  button.append(status);
  return button;
}

/**
 * The element whose text a code block's button copies: the code itself, never the line numbers. With
 * linenos=table, Chroma writes the numbers and the code as two cells, each a <pre><code>; the code's
 * <code> is the one with data-lang (the last cell when no language was given).
 */
export function codeOf(block: ParentNode): Element | null {
  return block.querySelector("code[data-lang]") ?? block.querySelector(".lntd:last-child pre, pre code, pre");
}

export function initCopy(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>(".code-block").forEach((block) => {
    const labels = readCopyLabels(block.dataset);
    const code = codeOf(block);
    if (!labels || !code || block.querySelector(".copy-button")) return;
    block.append(makeButton(labels, () => normaliseCode(code.textContent ?? ""), ""));
  });
  root.querySelectorAll<HTMLElement>("[data-copy]").forEach((el) => {
    const holder = el.closest<HTMLElement>("[data-copy-label]");
    const labels = holder ? readCopyLabels(holder.dataset) : null;
    if (!labels || el.nextElementSibling?.classList.contains("copy-button")) return;
    el.after(makeButton(labels, () => (el.textContent ?? "").trim(), (el.textContent ?? "").trim()));
  });
}
