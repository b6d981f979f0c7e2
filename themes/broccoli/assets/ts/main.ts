// The theme's one deferred bundle for every page: small enhancements, each a no-op where its markup is absent.
import { initCopy } from "./features/copy.ts";

initCopy();
