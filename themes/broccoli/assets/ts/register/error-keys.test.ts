import { test } from "node:test";
import assert from "node:assert/strict";
import { errorKey, connectionErrorKey, preauthErrorKey, streamErrorKey } from "./error-keys.ts";

test("every condition the issue names has its message", () => {
  assert.equal(errorKey("conflict"), "errConflict");
  assert.equal(errorKey("not-acceptable"), "errNotAcceptable");
  assert.equal(errorKey("not-allowed"), "errClosed");
  assert.equal(errorKey("forbidden"), "errClosed");
  assert.equal(errorKey("resource-constraint"), "errTooMany");
  assert.equal(errorKey("policy-violation"), "errTooMany");
  assert.equal(errorKey("service-unavailable"), "errUnavailable");
  assert.equal(errorKey("something-new"), "errUnknown");
});

test("policy-violation: throttling (wait) is 'too many', encryption required (modify) is 'unavailable'", () => {
  assert.equal(errorKey("policy-violation", true, "wait"), "errTooMany");
  assert.equal(errorKey("policy-violation", true, "modify"), "errUnavailable");
});

test("service-unavailable from a server that does not offer registration means it is closed", () => {
  assert.equal(errorKey("service-unavailable", false), "errClosed");
});

test("connection failures all say the server cannot be reached", () => {
  for (const f of ["timeout", "unreachable", "closed", "discovery"] as const) assert.equal(connectionErrorKey(f), "errUnreachable");
});

test("a stream the server ended says the server cannot be reached, whatever its condition", () => {
  for (const c of ["host-unknown", "policy-violation", "not-well-formed", "system-shutdown"]) assert.equal(streamErrorKey(c), "errUnreachable");
});

test("a refused invitation token is invalid/used/expired", () => {
  assert.equal(preauthErrorKey("forbidden"), "errInviteInvalid");
  assert.equal(preauthErrorKey("policy-violation"), "errTooMany");
});
