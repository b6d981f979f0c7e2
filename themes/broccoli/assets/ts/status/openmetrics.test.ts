import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseOpenMetrics, parseValue, OpenMetricsError } from "./openmetrics.ts";

// bodies of Debian's Prosody 0.12.3 /metrics (mod_http_openmetrics, statistics = "internal", mod_site_status):
// a: one client logged in, 8 stanzas received; b: 7 pings later; idle: no client connected
const fixture = (name: string) => readFileSync(new URL(`./fixtures/prosody-0.12-${name}.txt`, import.meta.url), "utf8");

test("a real Prosody 0.12 body: families with type, help, unit and samples", () => {
  const f = parseOpenMetrics(fixture("a"));
  const c2s = f.get("prosody_mod_c2s__connections");
  assert.equal(c2s?.type, "gauge");
  assert.equal(c2s?.help, "Established c2s connections");
  assert.deepEqual(c2s?.samples, [
    { name: "prosody_mod_c2s__connections", labels: { host: "localhost", type: "c2s", ip_family: "ipv6" }, value: 0 },
    { name: "prosody_mod_c2s__connections", labels: { host: "localhost", type: "c2s", ip_family: "ipv4" }, value: 1 },
  ]);
  const stanzas = f.get("prosody_mod_site_status__stanzas");
  assert.equal(stanzas?.type, "counter");
  assert.deepEqual(
    stanzas?.samples.map((s) => [s.name, s.value]),
    [
      ["prosody_mod_site_status__stanzas_created", 1796314733.5487449],
      ["prosody_mod_site_status__stanzas_total", 8],
    ],
  );
  assert.deepEqual(f.get("process_start_time_seconds")?.samples, [{ name: "process_start_time_seconds", labels: {}, value: 1796314733 }]);
  // a histogram keeps its buckets, +Inf included, in its own family
  const hist = f.get("prosody_stats_collection_seconds");
  assert.equal(hist?.type, "histogram");
  assert.equal(hist?.unit, "seconds");
  assert.equal(hist?.samples.find((s) => s.labels.le === "+Inf")?.name, "prosody_stats_collection_seconds_bucket");
  // families without samples (no s2s connection) are there, empty
  assert.deepEqual(f.get("prosody_mod_s2s__connections_inbound")?.samples, []);
  assert.ok(f.size > 15);
});

test("every captured body parses, and a later one has grown counters", () => {
  const a = parseOpenMetrics(fixture("a"));
  const b = parseOpenMetrics(fixture("b"));
  parseOpenMetrics(fixture("idle"));
  const total = (m: typeof a) => m.get("prosody_mod_site_status__stanzas")?.samples.find((s) => s.name.endsWith("_total"))?.value ?? -1;
  assert.ok(total(b) > total(a));
});

test("numbers as OpenMetrics writes them", () => {
  assert.equal(parseValue("1.9788742065429688e-05"), 1.9788742065429688e-5);
  assert.equal(parseValue("+Inf"), Infinity);
  assert.equal(parseValue("-Inf"), -Infinity);
  assert.ok(Number.isNaN(parseValue("NaN")));
  assert.equal(parseValue("-3"), -3);
  assert.equal(parseValue("0x10"), undefined);
  assert.equal(parseValue(""), undefined);
  assert.equal(parseValue("1,5"), undefined);
});

test("label values with escapes, timestamps and CRLF line ends", () => {
  const f = parseOpenMetrics('# TYPE a gauge\r\na{x="q\\"uote",y="back\\\\slash",z="new\\nline"} 2 1700000000\r\n# EOF\r\n');
  assert.deepEqual(f.get("a")?.samples[0], { name: "a", labels: { x: 'q"uote', y: "back\\slash", z: "new\nline" }, value: 2 });
});

test("a sample without a # TYPE line is a family of its own (unknown type)", () => {
  const f = parseOpenMetrics("x_total 3\n# EOF\n");
  assert.equal(f.get("x_total")?.type, "unknown");
});

const bad: Array<[string, string, RegExp]> = [
  ["HTML instead of metrics", "<!doctype html><html><body>502 Bad Gateway</body></html>\n", /line 1: /],
  ["an empty body", "", /no # EOF/],
  ["a body cut off before # EOF", "# TYPE a gauge\na 1\n", /no # EOF/],
  ["text after # EOF", "# EOF\na 1\n", /line 2: text after # EOF/],
  ["a value that is not a number", "# TYPE a gauge\na one\n# EOF\n", /line 2: a: bad value "one"/],
  ["no value", "# TYPE a gauge\na\n# EOF\n", /line 2: /],
  ["an unquoted label", "a{x=1} 1\n# EOF\n", /line 1: label x: value must be quoted/],
  ["an unterminated label", 'a{x="1} 1\n# EOF\n', /line 1: label x: unterminated value/],
  ["a bad escape", 'a{x="\\t"} 1\n# EOF\n', /bad escape/],
  ["an unknown type", "# TYPE a thing\n# EOF\n", /unknown type "thing"/],
  ["an unknown comment", "# hello\n# EOF\n", /unknown comment/],
  ["an empty line", "# TYPE a gauge\n\na 1\n# EOF\n", /line 2: empty line/],
  ["a split family", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n", /line 5: family a is split/],
  ["junk after the value", "a 1 2 3\n# EOF\n", /unexpected text/],
];
for (const [what, body, message] of bad) {
  test(`refused: ${what}`, () => {
    assert.throws(
      () => parseOpenMetrics(body),
      (e: unknown) => e instanceof OpenMetricsError && message.test(e.message),
    );
  });
}
