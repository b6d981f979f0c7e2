import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseOpenMetrics } from "./openmetrics.ts";
import { snapshot, figures, formatFigures, uptimeUnit, MissingFamilyError } from "./figures.ts";

const fixture = (name: string) => parseOpenMetrics(readFileSync(new URL(`./fixtures/prosody-0.12-${name}.txt`, import.meta.url), "utf8"));

test("the four figures from two real Prosody 0.12 bodies taken 30 s apart", () => {
  const a = snapshot(fixture("a"), 1_000, 1796314733 + 90);
  const b = snapshot(fixture("b"), 31_000, 1796314733 + 120);
  assert.deepEqual(a, { at: 1_000, serverTime: 1796314823, clients: 1, servers: 0, stanzas: 8, startTime: 1796314733 });
  assert.deepEqual(figures(undefined, a), { clients: 1, servers: 0, stanzasPerMinute: undefined, uptime: 90 });
  // b has 7 more stanzas: 7 in 30 s = 14 per minute
  assert.equal(b.stanzas, 15);
  assert.deepEqual(figures(a, b), { clients: 1, servers: 0, stanzasPerMinute: 14, uptime: 120 });
});

const body = (over: Record<string, string> = {}) => {
  const parts: Record<string, string> = {
    c2s: '# TYPE prosody_mod_c2s__connections gauge\nprosody_mod_c2s__connections{host="a",type="c2s",ip_family="ipv4"} 3\nprosody_mod_c2s__connections{host="a",type="c2s",ip_family="ipv6"} 2\nprosody_mod_c2s__connections{host="a",type="c2s_unauthed",ip_family="ipv4"} 9\n',
    s2sIn:
      '# TYPE prosody_mod_s2s__connections_inbound gauge\nprosody_mod_s2s__connections_inbound{host="a",type="s2sin",ip_family="ipv4"} 4\nprosody_mod_s2s__connections_inbound{host="a",type="s2sin_unauthed",ip_family="ipv4"} 1\n',
    s2sOut: '# TYPE prosody_mod_s2s__connections_outbound gauge\nprosody_mod_s2s__connections_outbound{host="a",type="s2sout",ip_family="ipv6"} 5\n',
    stanzas: "# TYPE prosody_mod_site_status__stanzas counter\nprosody_mod_site_status__stanzas_total 100\n",
    start: "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds 1000\n",
    ...over,
  };
  return parseOpenMetrics(Object.values(parts).join("") + "# EOF\n");
};

test("connections sum every host and address family, without sessions that have not logged in", () => {
  const s = snapshot(body(), 0, 1000);
  assert.equal(s.clients, 5);
  assert.equal(s.servers, 9);
});

test("a restart of Prosody (new start time, counter from zero) gives no rate, not a negative one", () => {
  const a = snapshot(body(), 0, 2000);
  const b = snapshot(
    body({
      stanzas: "# TYPE prosody_mod_site_status__stanzas counter\nprosody_mod_site_status__stanzas_total 5\n",
      start: "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds 1990\n",
    }),
    10_000,
    2010,
  );
  assert.equal(figures(a, b).stanzasPerMinute, undefined);
  assert.equal(figures(a, b).uptime, 20);
});

test("a server clock behind the start time gives uptime 0", () => {
  assert.equal(figures(undefined, snapshot(body(), 0, 900)).uptime, 0);
});

test("a missing family (nginx's filter after Prosody went away) is an error that names it", () => {
  assert.throws(
    () => snapshot(body({ stanzas: "" }), 0, 0),
    (e: unknown) => e instanceof MissingFamilyError && /prosody_mod_site_status__stanzas/.test(e.message),
  );
  assert.throws(() => snapshot(parseOpenMetrics("# EOF\n"), 0, 0), MissingFamilyError);
  assert.throws(() => snapshot(body({ start: "# TYPE process_start_time_seconds gauge\n" }), 0, 0), /process_start_time_seconds/);
});

test("uptime in the largest unit that fits", () => {
  assert.deepEqual(uptimeUnit(59), { unit: "second", value: 59 });
  assert.deepEqual(uptimeUnit(125), { unit: "minute", value: 2 });
  assert.deepEqual(uptimeUnit(5 * 3600 + 1800), { unit: "hour", value: 5.5 });
  assert.deepEqual(uptimeUnit(3 * 86400 + 43200), { unit: "day", value: 3.5 });
});

test("figures are formatted per language", () => {
  const f = { clients: 1234, servers: 56, stanzasPerMinute: 1234.56, uptime: 3 * 86400 + 43200 };
  assert.deepEqual(formatFigures(f, "de"), { clients: "1.234", servers: "56", stanzas: "1.234,6", uptime: "3,5 Tage" });
  assert.deepEqual(formatFigures(f, "en"), { clients: "1,234", servers: "56", stanzas: "1,234.6", uptime: "3.5 days" });
  assert.equal(formatFigures({ ...f, stanzasPerMinute: undefined }, "en").stanzas, "…");
});
