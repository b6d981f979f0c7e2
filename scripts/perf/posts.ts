// Generated news posts in both languages, for the benchmark's scale rows: how the build grows per page
// (in a copy of the project, harness/project-copy.ts).
import { promises as fs } from "node:fs";
import path from "node:path";

const TAGS = {
  de: ["Prosody", "Update", "Wartung", "Datenschutz", "Verschlüsselung", "Apps", "Server", "Spam"],
  en: ["Prosody", "Update", "Maintenance", "Privacy", "Encryption", "Apps", "Server", "Spam"],
};
const CATEGORIES = ["Server", "Website"];

const TEXT = {
  de: [
    "Heute gibt es eine kleine Änderung am Server: Wir haben die Konfiguration von Prosody überarbeitet und ein paar Module aktualisiert. Eure Apps verbinden sich wie gewohnt, ihr müsst nichts tun.",
    "Das Nachrichtenarchiv hält eure Unterhaltungen zwischen Geräten im Gleichstand, und mit OMEMO bleiben die Inhalte Ende-zu-Ende verschlüsselt. Dateien, die ihr teilt, liegen nur so lange wie nötig auf dem Server.",
    "Fragen beantworten wir gern im Support-Raum. Wer mag, schaut sich die Technik-Seite an: Dort steht, welche Erweiterungen laufen und wie der Server gesichert ist.",
  ],
  en: [
    "Today there is a small change on the server: we reworked Prosody's configuration and updated a few modules. Your apps connect as usual; there is nothing you need to do.",
    "The message archive keeps your conversations in step across devices, and with OMEMO their content stays end-to-end encrypted. Files you share stay on the server only as long as needed.",
    "We are happy to answer questions in the support room. If you like, have a look at the technology page: it lists the extensions that run and how the server is secured.",
  ],
};

/** One generated post: TOML front matter like the real news posts, three paragraphs and a list. */
export function postMarkdown(i: number, lang: "de" | "en"): string {
  const d = new Date(Date.UTC(2018, 0, 1) + i * 86_400_000 * 0.5);
  const date = d.toISOString().slice(0, 10);
  const tags = TAGS[lang];
  const picked = [tags[i % tags.length], tags[(i * 7 + 3) % tags.length]].filter((t, k, a) => a.indexOf(t) === k);
  const title = lang === "de" ? `Neuigkeit Nummer ${i}: Wartung und Updates` : `News number ${i}: maintenance and updates`;
  const desc = lang === "de" ? `Was sich mit Update ${i} auf dem Server ändert.` : `What changes on the server with update ${i}.`;
  const [a, b, c] = TEXT[lang];
  return `+++
title = "${title}"
description = "${desc}"
date = ${date}
translationKey = "bench-${i}"
slug = "bench-${i}"
categories = ["${CATEGORIES[i % CATEGORIES.length]}"]
tags = [${picked.map((t) => `"${t}"`).join(", ")}]
+++
${a}

${b}

- ${lang === "de" ? "Prosody auf dem neuesten Stand" : "Prosody up to date"} (${i})
- ${lang === "de" ? "Zertifikate erneuert" : "Certificates renewed"}
- ${lang === "de" ? "Module aktualisiert" : "Modules updated"}

${c}
`;
}

/** Writes posts [from, to) in both languages under content/<lang>/news/. */
export async function addPosts(dir: string, from: number, to: number): Promise<void> {
  for (const lang of ["de", "en"] as const) {
    const news = path.join(dir, "content", lang, "news");
    await fs.mkdir(news, { recursive: true });
    for (let i = from; i < to; i++) await fs.writeFile(path.join(news, `bench-${String(i).padStart(5, "0")}.md`), postMarkdown(i, lang));
  }
}
