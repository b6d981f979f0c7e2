// The page's words: the translated texts of the i18n block "register" that Hugo writes into
// data-messages (as JSON, keys like "errConflict"), with {name} placeholders filled in here.

export type Messages = Record<string, string>;

/** The messages from the data- attribute; none when it is missing or broken (keys then show as text). */
export function parseMessages(json: string | undefined): Messages {
  try {
    const m: unknown = JSON.parse(json ?? "{}");
    return m && typeof m === "object" ? (m as Messages) : {};
  } catch {
    return {};
  }
}

/** Fills {name} placeholders of a translated message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The text for a key with its placeholders filled; the key itself when the page has no text for it. */
export function message(messages: Messages, key: string, values: Record<string, string | number> = {}): string {
  return fill(messages[key] ?? key, values);
}
