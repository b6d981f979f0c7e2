// The page's words: the translated texts of the i18n block "register" that Hugo writes into
// data-messages (as JSON, keys as in message-keys.ts), with {name} placeholders filled in here.
// The i18n files write placeholders Go-template style ({{ .Name }}) like every other message; for
// these, form.html fills each one with "{name}" for this module to replace.
import { i18nId, type MessageKey } from "./message-keys.ts";

// esbuild replaces process.env.NODE_ENV ("production" for the shipped bundles); in node's unit tests it is the real one
declare const process: { env: { NODE_ENV?: string } };

export type Messages = Partial<Record<MessageKey, string>>;

/** The messages from the data- attribute; none when it is missing or broken. */
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
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}

/**
 * The text for a key with its placeholders filled. A key the page has no text for is a bug (the
 * template, the i18n files and message-keys.ts disagree; message-keys.test.ts should have caught it):
 * the key itself is shown, and outside production builds the console says what is missing.
 */
export function message(messages: Messages, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = messages[key];
  if (process.env.NODE_ENV !== "production" && text === undefined) {
    console.error(`register: no message "${key}" in data-messages (i18n id ${i18nId(key)}; keys in register/message-keys.ts and partials/register/form.html)`);
  }
  return fill(text ?? key, values);
}
