-- mod_site_status: the two figures of the website's live status (the technik page) that Prosody 0.12
-- does not measure itself. It adds two metric families to mod_http_openmetrics' /metrics:
--   prosody_mod_site_status__stanzas (counter)  stanzas received from clients and servers; the page
--                                               shows their rate per minute
--   process_start_time_seconds (gauge)          when this Prosody started (Unix time); the page shows
--                                               the uptime
-- Needs `statistics = "internal"` (or statistics_interval) in the global section. Install: copy this file
-- into a folder named in plugin_paths and add "site_status" to modules_enabled (deploy/README.md).
module:set_global();

local filters = require "util.filters";
local statsmanager = require "core.statsmanager";

local stanzas = module:metric("counter", "stanzas", "", "Stanzas received from clients and servers", {}):with_labels();

local function count(stanza)
	stanzas:add(1);
	return stanza;
end

local function add_counter(session)
	filters.add_filter(session, "stanzas/in", count);
end

filters.add_filter_hook(add_counter);
function module.unload()
	filters.remove_filter_hook(add_counter);
end

local start_time = statsmanager.metric("gauge", "process_start_time", "seconds", "Start time of the process since the Unix epoch", {}):with_labels();
local function set_start_time()
	start_time:set(prosody.start_time or os.time());
end
set_start_time();
module:hook_global("server-started", set_start_time);
