// Turns parsed OpenMetrics bodies (openmetrics.ts), one per poll, into the four figures of the live status:
// client connections, server-to-server connections, stanzas per minute and uptime. Pure: the caller passes
// the times, so the tests need no clock.
import type { MetricFamily } from "./openmetrics.ts";
import { STATUS_FAMILIES } from "./families.ts";

/** What one poll saw. */
export interface Snapshot {
  /** the client's monotonic clock at the poll, milliseconds (performance.now()); rates use it */
  at: number;
  /** the server's time at the poll, Unix seconds (the response's Date header); the uptime uses it */
  serverTime: number;
  clients: number;
  servers: number;
  /** the stanza counter's value (it only grows while Prosody runs) */
  stanzas: number;
  /** when Prosody started, Unix seconds */
  startTime: number;
}

export interface Figures {
  clients: number;
  servers: number;
  /** undefined on the first poll and after a restart of Prosody (no two comparable counter readings) */
  stanzasPerMinute: number | undefined;
  /** seconds, never negative */
  uptime: number;
}

export class MissingFamilyError extends Error {
  constructor(readonly family: string) {
    super(`the metrics have no ${family}`);
    this.name = "MissingFamilyError";
  }
}

function need(families: Map<string, MetricFamily>, name: string): MetricFamily {
  const f = families.get(name);
  if (!f) throw new MissingFamilyError(name);
  return f;
}

/** The sum of a connection gauge's samples, leaving out connections that have not logged in yet
 *  (Prosody's session types c2s_unauthed, s2sin_unauthed, s2sout_unauthed). */
function connections(f: MetricFamily): number {
  return f.samples.filter((s) => s.name === f.name && !(s.labels.type ?? "").endsWith("_unauthed")).reduce((n, s) => n + s.value, 0);
}

/** The one value of a family without labels, e.g. the counter's `<name>_total`. */
function single(f: MetricFamily, sampleName: string): number {
  const s = f.samples.find((x) => x.name === sampleName);
  if (!s || !Number.isFinite(s.value)) throw new MissingFamilyError(sampleName);
  return s.value;
}

/** A Snapshot of one parsed body. Throws MissingFamilyError when a family the page shows is absent
 *  (Prosody down behind nginx's filter, or a module not loaded): the page then says "status unavailable". */
export function snapshot(families: Map<string, MetricFamily>, at: number, serverTime: number): Snapshot {
  const F = STATUS_FAMILIES;
  return {
    at,
    serverTime,
    clients: connections(need(families, F.clients.name)),
    servers: connections(need(families, F.serversIn.name)) + connections(need(families, F.serversOut.name)),
    stanzas: single(need(families, F.stanzas.name), `${F.stanzas.name}_total`),
    startTime: single(need(families, F.startTime.name), F.startTime.name),
  };
}

/** The figures of the latest snapshot; the rate needs the one before it. */
export function figures(prev: Snapshot | undefined, cur: Snapshot): Figures {
  let stanzasPerMinute: number | undefined;
  if (prev && prev.startTime === cur.startTime && cur.stanzas >= prev.stanzas && cur.at > prev.at) {
    stanzasPerMinute = ((cur.stanzas - prev.stanzas) * 60_000) / (cur.at - prev.at);
  }
  return { clients: cur.clients, servers: cur.servers, stanzasPerMinute, uptime: Math.max(0, cur.serverTime - cur.startTime) };
}

/** The unit an uptime is shown in, and the value in that unit: seconds, minutes, hours or days. */
export function uptimeUnit(seconds: number): { unit: "second" | "minute" | "hour" | "day"; value: number } {
  if (seconds < 60) return { unit: "second", value: Math.floor(seconds) };
  if (seconds < 3600) return { unit: "minute", value: Math.floor(seconds / 60) };
  if (seconds < 86400) return { unit: "hour", value: Math.floor(seconds / 360) / 10 };
  return { unit: "day", value: Math.floor(seconds / 8640) / 10 };
}

/** The four figures as text in the page's language (Intl.NumberFormat), e.g. de: "1.234", "12,5", "3,2 Tage". */
export function formatFigures(f: Figures, lang: string): { clients: string; servers: string; stanzas: string; uptime: string } {
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const rate = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const u = uptimeUnit(f.uptime);
  const uptime = new Intl.NumberFormat(lang, { style: "unit", unit: u.unit, unitDisplay: "long", maximumFractionDigits: 1 });
  return {
    clients: whole.format(f.clients),
    servers: whole.format(f.servers),
    stanzas: f.stanzasPerMinute === undefined ? "…" : rate.format(f.stanzasPerMinute),
    uptime: uptime.format(u.value),
  };
}
