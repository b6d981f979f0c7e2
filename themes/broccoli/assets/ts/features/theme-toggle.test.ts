import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMode, nextMode, themeAttribute, readLabels, loadMode, saveMode, STORAGE_KEY } from "./theme-toggle.ts";

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

test("a stored light or dark is kept, anything else means: follow the system", () => {
  assert.equal(parseMode("light"), "light");
  assert.equal(parseMode("dark"), "dark");
  assert.equal(parseMode(null), "system");
  assert.equal(parseMode(undefined), "system");
  assert.equal(parseMode("Dark"), "system");
  assert.equal(parseMode("system"), "system");
});

test("each click moves system → light → dark → system", () => {
  assert.equal(nextMode("system"), "light");
  assert.equal(nextMode("light"), "dark");
  assert.equal(nextMode("dark"), "system");
});

test("only an explicit choice sets html[data-theme]", () => {
  assert.equal(themeAttribute("light"), "light");
  assert.equal(themeAttribute("dark"), "dark");
  assert.equal(themeAttribute("system"), null);
});

test("labels come from the data attributes, all three or none", () => {
  assert.deepEqual(readLabels({ labelSystem: "Automatisch", labelLight: "Hell", labelDark: "Dunkel" }), {
    system: "Automatisch",
    light: "Hell",
    dark: "Dunkel",
  });
  assert.equal(readLabels({ labelSystem: "Auto", labelLight: "Hell" }), null);
  assert.equal(readLabels({ labelSystem: "Auto", labelLight: " ", labelDark: "Dunkel" }), null);
});

test("a choice survives a round trip through storage; system removes it", () => {
  const s = memoryStorage();
  assert.equal(saveMode(s, "dark"), true);
  assert.equal(s.map.get(STORAGE_KEY), "dark");
  assert.equal(loadMode(s), "dark");
  saveMode(s, "light");
  assert.equal(loadMode(s), "light");
  saveMode(s, "system");
  assert.equal(s.map.has(STORAGE_KEY), false);
  assert.equal(loadMode(s), "system");
});

test("storage that throws or is missing means system, and saving reports failure", () => {
  const broken = {
    getItem: (): string | null => {
      throw new Error("SecurityError");
    },
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
    removeItem: () => {
      throw new Error("SecurityError");
    },
  };
  assert.equal(loadMode(broken), "system");
  assert.equal(loadMode(undefined), "system");
  assert.equal(saveMode(broken, "dark"), false);
  assert.equal(saveMode(undefined, "dark"), false);
  assert.equal(loadMode(memoryStorage({ [STORAGE_KEY]: "purple" })), "system");
});
