// The metric families the live status (technik page, graphs shortcode) reads from Prosody's OpenMetrics
// endpoint (mod_http_openmetrics), and the only ones nginx lets through to visitors: scripts/deploy/nginx.ts
// builds its allow-list from this table, so the page and the filter cannot disagree.
//   clients     Prosody 0.12 mod_c2s: established c2s connections, labels host, type, ip_family
//   serversIn   mod_s2s: established incoming s2s connections (same labels)
//   serversOut  mod_s2s: established outgoing s2s connections
//   stanzas     deploy/prosody/mod_site_status.lua: stanzas received from clients and servers (counter)
//   startTime   deploy/prosody/mod_site_status.lua: when Prosody started, Unix seconds
// Prosody 0.12 itself counts no stanzas and exports no start time; mod_site_status adds both.

export type FamilyType = "gauge" | "counter";

export const STATUS_FAMILIES = {
  clients: { name: "prosody_mod_c2s__connections", type: "gauge" },
  serversIn: { name: "prosody_mod_s2s__connections_inbound", type: "gauge" },
  serversOut: { name: "prosody_mod_s2s__connections_outbound", type: "gauge" },
  stanzas: { name: "prosody_mod_site_status__stanzas", type: "counter" },
  startTime: { name: "process_start_time_seconds", type: "gauge" },
} as const satisfies Record<string, { name: string; type: FamilyType }>;

export type StatusFamily = keyof typeof STATUS_FAMILIES;
