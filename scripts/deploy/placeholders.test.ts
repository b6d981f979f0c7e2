import { test } from "node:test";
import assert from "node:assert/strict";
import { placeholderKeys, refusePlaceholders } from "./placeholders.ts";
import { problemsOf } from "../config/problem.ts";

const raw = {
  title: "MagicBroccoli",
  params: {
    operator: { name: "TODO: Vor- und Nachname", email: "ops@example.org", city: "TODO" },
    provider: { serverLocations: ["de", "TODO: country"], since: new Date(0) },
    note: "not a TODO at the start",
  },
};

test("every key whose value starts with TODO, as a dotted path", () => {
  assert.deepEqual(placeholderKeys(raw), ["params.operator.name", "params.operator.city", "params.provider.serverLocations[1]"]);
  assert.deepEqual(placeholderKeys({ params: { a: "done" } }), []);
});

test("refusePlaceholders names every key and its value, and how to let a staging site through", () => {
  assert.throws(
    () => refusePlaceholders(raw, ["hugo.toml"]),
    (e) => {
      const text = problemsOf(e)
        .map((p) => `${p.message} ${p.hint ?? ""}`)
        .join("\n");
      assert.match(text, /params\.operator\.name: still a placeholder \("TODO: Vor- und Nachname"\)/);
      assert.match(text, /params\.operator\.city: still a placeholder/);
      assert.match(text, /params\.provider\.serverLocations\[1\]: still a placeholder \("TODO: country"\)/);
      assert.match(text, /--allow-placeholders/);
      return true;
    },
  );
  assert.doesNotThrow(() => refusePlaceholders({ params: { operator: { name: "Jane Doe" } } }, ["hugo.toml"]));
});
