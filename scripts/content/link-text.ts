// Link texts that say nothing about where a link leads ("hier", "click here", "more"): screen readers
// list links by their text alone, and Lighthouse's SEO audit "link-text" fails a page that has one.
// The list is Lighthouse 13's English and German lists plus common variants of them.

/** Per language, like the audit: a German page may say "Start", an English one may not say "start". */
export const VAGUE_LINK_TEXTS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set([
    "click here", "click this", "go", "here", "information", "learn more", "more", "more info", "more information",
    "right here", "read more", "see more", "start", "this", "link", "this link", "continue", "details",
  ]),
  de: new Set([
    "klick hier", "klicke hier", "hier klicken", "hier", "mehr", "mehr erfahren", "mehr lesen", "mehr infos",
    "siehe", "dies", "das", "weiter", "weiterlesen", "link", "dieser link", "details",
  ]),
};

/** The text as the audit compares it: no markup emphasis, lower case, no surrounding punctuation or space. */
export function normalizeLinkText(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/^[\s"'„“”»«(\[]+|[\s"'„“”»«)\].,:;!?…→›]+$/gu, "");
}

/**
 * True when a link with this text says nothing about its target, in the given language ("de-DE" counts
 * as "de"); without a language (or one without a list), in any of them.
 */
export function isVagueLinkText(text: string, lang?: string): boolean {
  const t = normalizeLinkText(text);
  const list = lang ? VAGUE_LINK_TEXTS[lang.split("-")[0]?.toLowerCase() ?? ""] : undefined;
  return list ? list.has(t) : Object.values(VAGUE_LINK_TEXTS).some((l) => l.has(t));
}
