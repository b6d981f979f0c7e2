// A parser for the OpenMetrics text format (what Prosody's mod_http_openmetrics serves): takes the body,
// returns the metric families by name with their samples. Pure (no DOM), so the status script and its
// tests share it. It accepts what the format allows and Prosody writes (# HELP/# TYPE/# UNIT, labels with
// escapes, +Inf/-Inf/NaN, optional timestamps, the closing # EOF) and throws an OpenMetricsError naming
// the line for anything else: a status figure read from a half-understood body would be a wrong figure.

export interface Sample {
  /** the sample's own name, e.g. prosody_mod_site_status__stanzas_total */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  /** gauge, counter, histogram, summary, info, stateset, gaugehistogram or unknown */
  type: string;
  help: string;
  unit: string;
  samples: Sample[];
}

export class OpenMetricsError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "OpenMetricsError";
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["gauge", "counter", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"]);
/** sample name suffixes per family type (a sample belongs to the family its name starts with) */
const SUFFIXES: Record<string, string[]> = {
  counter: ["_total", "_created"],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["_count", "_sum", "_created", ""],
  info: ["_info"],
  gauge: [""],
  stateset: [""],
  unknown: [""],
};

/** A number as OpenMetrics writes it: decimal or exponent notation, +Inf, -Inf, NaN. */
export function parseValue(s: string): number | undefined {
  if (s === "+Inf" || s === "Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  if (s === "NaN") return NaN;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Reads `{a="x",b="y\"z"}` from position i (at the "{"); returns the labels and the position after "}". */
function parseLabels(line: string, i: number, lineNo: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  i++; // "{"
  while (line[i] !== "}") {
    const eq = line.indexOf("=", i);
    if (eq < 0) throw new OpenMetricsError(lineNo, "label without a value");
    const key = line.slice(i, eq);
    if (!LABEL_NAME.test(key)) throw new OpenMetricsError(lineNo, `bad label name ${JSON.stringify(key)}`);
    if (line[eq + 1] !== '"') throw new OpenMetricsError(lineNo, `label ${key}: value must be quoted`);
    let v = "";
    let j = eq + 2;
    for (;;) {
      const c = line[j];
      if (c === undefined) throw new OpenMetricsError(lineNo, `label ${key}: unterminated value`);
      if (c === '"') break;
      if (c === "\\") {
        const n = line[j + 1];
        if (n === "n") v += "\n";
        else if (n === '"' || n === "\\") v += n;
        else throw new OpenMetricsError(lineNo, `label ${key}: bad escape \\${n ?? ""}`);
        j += 2;
      } else {
        v += c;
        j++;
      }
    }
    if (key in labels) throw new OpenMetricsError(lineNo, `label ${key} twice`);
    labels[key] = v;
    j++; // closing quote
    if (line[j] === ",") j++;
    else if (line[j] !== "}") throw new OpenMetricsError(lineNo, `expected "," or "}" after label ${key}`);
    i = j;
  }
  return [labels, i + 1];
}

/** Parses an OpenMetrics text body. Returns the families by name (in the order they appear). */
export function parseOpenMetrics(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const lines = text.split("\n");
  let current: MetricFamily | undefined;
  let ended = false;
  const family = (name: string, lineNo: number): MetricFamily => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: "unknown", help: "", unit: "", samples: [] };
      families.set(name, f);
    } else if (f !== current && f.samples.length > 0) {
      throw new OpenMetricsError(lineNo, `family ${name} is split (its lines must be together)`);
    }
    current = f;
    return f;
  };
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (ended) {
      if (line === "" && idx === lines.length - 1) return;
      throw new OpenMetricsError(lineNo, "text after # EOF");
    }
    if (line === "# EOF") {
      ended = true;
      return;
    }
    if (line === "" && idx === lines.length - 1) return; // the final line break
    if (line === "") throw new OpenMetricsError(lineNo, "empty line");
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!m) throw new OpenMetricsError(lineNo, `unknown comment ${JSON.stringify(line.slice(0, 40))}`);
      const [, kind, name, rest = ""] = m as unknown as [string, string, string, string | undefined];
      if (!NAME.test(name)) throw new OpenMetricsError(lineNo, `bad metric name ${JSON.stringify(name)}`);
      const f = family(name, lineNo);
      if (kind === "TYPE") {
        if (!TYPES.has(rest)) throw new OpenMetricsError(lineNo, `unknown type ${JSON.stringify(rest)} of ${name}`);
        f.type = rest;
      } else if (kind === "HELP") f.help = rest.replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c));
      else f.unit = rest.trim();
      return;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) throw new OpenMetricsError(lineNo, "a sample needs a name and a value");
    const name = line.slice(0, nameEnd);
    if (!NAME.test(name)) throw new OpenMetricsError(lineNo, `bad metric name ${JSON.stringify(name)}`);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (line[i] === "{") [labels, i] = parseLabels(line, i, lineNo);
    if (line[i] !== " ") throw new OpenMetricsError(lineNo, `expected a space before the value of ${name}`);
    const [valueText, timestamp, extra] = line.slice(i + 1).split(" ");
    const value = parseValue(valueText ?? "");
    if (value === undefined) throw new OpenMetricsError(lineNo, `${name}: bad value ${JSON.stringify(valueText)}`);
    if (timestamp !== undefined && (parseValue(timestamp) === undefined || extra !== undefined)) throw new OpenMetricsError(lineNo, `${name}: unexpected text after the value`);
    // the family: the current one when the name is its name plus one of its type's suffixes
    let f = current;
    const belongs = f && (SUFFIXES[f.type] ?? [""]).some((s) => name === f!.name + s);
    if (!f || !belongs) f = family(name, lineNo);
    f.samples.push({ name, labels, value });
  });
  if (!ended) throw new OpenMetricsError(lines.length, "no # EOF at the end (the body is cut off or not OpenMetrics)");
  return families;
}
