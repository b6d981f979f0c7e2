-- Test only (e2e/support/prosody.ts loads it when a test sets registerOobUrl; never deploy this):
-- answers the registration query the way a server that signs people up on a web page does
-- (XEP-0077 with XEP-0066 out-of-band data): instructions and a URL, no fields. Prosody 0.12 has no
-- option for this, so the page's handling of the URL is otherwise untestable against a real server.
local st = require "util.stanza";
local url = module:get_option_string("test_register_oob_url", "");

module:hook("stanza/iq/jabber:iq:register:query", function(event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.type ~= "get" then return; end
	origin.send(st.reply(stanza)
		:query("jabber:iq:register")
			:text_tag("instructions", "Please register on our web page.")
			:tag("x", { xmlns = "jabber:x:oob" })
				:text_tag("url", url));
	return true;
end, 10); -- before mod_register_ibr (priority 0)
