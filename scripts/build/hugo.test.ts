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

test("Hugo's ERROR and WARN lines become problems at the file, line and column they name", async () => {
  const { parseHugoLine } = await import("./hugo.ts");
  const { formatProblem } = await import("../config/problem.ts");
  const { root } = await import("../config/paths.ts");
  const show = (l: string) => {
    const h = parseHugoLine(l);
    return h && `${h.level} ${formatProblem(h.problem)}`;
  };
  // current Hugo
  assert.equal(show(`ERROR "${root}/content/facts.md:4:5": broccoli: params.operator.name is not set`), "ERROR content/facts.md:4:5: broccoli: params.operator.name is not set");
  // Hugo 0.111: a time stamp, and the last line starts with "Error:"
  assert.equal(
    show(`WARN 2026/12/03 13:44:04 "${root}/content/en/privacy.md:55:234": params.privacy.logRetentionDays is not filled in yet`),
    "WARN content/en/privacy.md:55:234: params.privacy.logRetentionDays is not filled in yet",
  );
  assert.equal(show("Error: Error building site: logged 2 error(s)"), "ERROR Error building site: logged 2 error(s)");
  // a location inside the message: the words around it stay; a file outside the project stays absolute
  assert.equal(
    show(`ERROR error building site: render: failed to render pages: render of "/en/x" failed: "/tmp/site/layouts/single.html:5:3": execute of template failed`),
    `ERROR /tmp/site/layouts/single.html:5:3: error building site: render: failed to render pages: render of "/en/x" failed: execute of template failed`,
  );
  assert.equal(show("ERROR broccoli: params.since must be a date"), "ERROR broccoli: params.since must be a date");
  assert.equal(show("Start building sites …"), undefined);
});
