import { test } from "node:test";
import assert from "node:assert/strict";
import { hugoEnv, HUGO_GC_ENV } from "./hugo.ts";

test("hugo gets the GC settings unless the environment sets its own", () => {
  const env = hugoEnv({ PATH: "/usr/bin" }, { HUGO_ENVIRONMENT: "production" });
  assert.equal(env.GOGC, HUGO_GC_ENV.GOGC);
  assert.equal(env.GOMEMLIMIT, HUGO_GC_ENV.GOMEMLIMIT);
  assert.equal(env.HUGO_ENVIRONMENT, "production");
  assert.equal(env.PATH, "/usr/bin");
  const own = hugoEnv({ GOGC: "50" }, { GOMEMLIMIT: "2GiB" });
  assert.equal(own.GOGC, "50");
  assert.equal(own.GOMEMLIMIT, "2GiB");
});
