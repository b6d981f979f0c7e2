import { test } from "node:test";
import assert from "node:assert/strict";
import { errorKey, streamErrorKey, connectionErrorKey } from "./error-keys.ts";

test("every condition the issue names has its own clear message", () => {
  assert.equal(errorKey("not-authorized"), "errNotAuthorized");
  assert.equal(errorKey("not-allowed"), "errNotAllowed");
  assert.equal(errorKey("conflict"), "errConflict");
  assert.equal(errorKey("policy-violation", "modify"), "errPolicy");
  assert.equal(errorKey("resource-constraint", "cancel"), "errResource");
  // Prosody's throttling: policy-violation of type wait; SASL temporary-auth-failure
  assert.equal(errorKey("policy-violation", "wait"), "errThrottled");
  assert.equal(errorKey("resource-constraint", "wait"), "errThrottled");
  assert.equal(errorKey("temporary-auth-failure"), "errThrottled");
  assert.equal(connectionErrorKey("unreachable"), "errUnreachable");
  assert.equal(connectionErrorKey("timeout"), "errUnreachable");
  assert.equal(connectionErrorKey("discovery"), "errUnreachable");
});

test("a server without XEP-0077 for logged-in users, a refused mechanism, a lying server, the unknown", () => {
  assert.equal(errorKey("service-unavailable"), "errNotAllowed");
  assert.equal(errorKey("feature-not-implemented"), "errNotAllowed");
  assert.equal(errorKey("account-disabled"), "errNotAllowed");
  assert.equal(errorKey("bad-request", "modify"), "errNotAcceptable");
  assert.equal(errorKey("no-mechanism"), "errNoMechanism");
  assert.equal(errorKey("server-signature"), "errServerProof");
  assert.equal(errorKey("internal-server-error", "wait"), "errUnknown");
  assert.equal(errorKey("something-new"), "errUnknown");
});

test("stream errors: the named conditions keep their message, the rest is 'unreachable'", () => {
  assert.equal(streamErrorKey("conflict"), "errConflict");
  assert.equal(streamErrorKey("policy-violation"), "errPolicy");
  assert.equal(streamErrorKey("not-authorized"), "errNotAuthorized");
  assert.equal(streamErrorKey("system-shutdown"), "errUnreachable");
  assert.equal(streamErrorKey("host-unknown"), "errUnreachable");
  assert.equal(streamErrorKey("bad-format"), "errUnreachable");
});
