// Labels for a copy button, read from data- attributes the template wrote (i18n lives in Hugo).
export interface CopyLabels {
  copy: string;
  copied: string;
  failed: string;
}

export type DataSet = Record<string, string | undefined>;

/** Reads data-copy-label / data-copied-label / data-copy-failed-label; null when the template gave none. */
export function readCopyLabels(data: DataSet): CopyLabels | null {
  const copy = data.copyLabel?.trim();
  const copied = data.copiedLabel?.trim();
  const failed = data.copyFailedLabel?.trim();
  if (!copy || !copied || !failed) return null;
  return { copy, copied, failed };
}

/** The text to copy from a rendered code block: Chroma's lines, without the trailing newline. */
export function normaliseCode(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/\n+$/, "");
}
