// The live status bundle, loaded only on pages with the status section (shortcode graphs, [params.status]).
import { initStatus } from "./status/live.ts";

initStatus();
