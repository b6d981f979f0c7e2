import { test } from "node:test";
import assert from "node:assert/strict";
import { detectPlatform } from "./platform.ts";

const UA = {
  android: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  iphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  // iPadOS asks for desktop sites with a Mac agent
  ipadDesktop: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  mac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  windows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
  linux: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  cros: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
};

test("the user agent names the platform", () => {
  assert.equal(detectPlatform({ userAgent: UA.android }), "android");
  assert.equal(detectPlatform({ userAgent: UA.iphone }), "ios");
  assert.equal(detectPlatform({ userAgent: UA.mac, maxTouchPoints: 0 }), "macos");
  assert.equal(detectPlatform({ userAgent: UA.windows }), "windows");
  assert.equal(detectPlatform({ userAgent: UA.linux }), "linux");
});

test("an iPad with a Mac agent is told apart by its touch screen", () => {
  assert.equal(detectPlatform({ userAgent: UA.ipadDesktop, maxTouchPoints: 5 }), "ios");
});

test("userAgentData's platform wins over a reduced agent string", () => {
  // Chromium's reduced agent on Android still says "Linux; Android 10; K"; on desktop it may be generic
  assert.equal(detectPlatform({ userAgent: UA.linux, uaPlatform: "Android" }), "android");
  assert.equal(detectPlatform({ userAgent: UA.linux, uaPlatform: "Windows" }), "windows");
  assert.equal(detectPlatform({ userAgent: UA.linux, uaPlatform: "macOS" }), "macos");
});

test("Chrome OS, empty and unknown agents give no hint", () => {
  assert.equal(detectPlatform({ userAgent: UA.cros }), undefined);
  assert.equal(detectPlatform({ userAgent: UA.cros, uaPlatform: "Chrome OS" }), undefined);
  assert.equal(detectPlatform({ userAgent: "" }), undefined);
  assert.equal(detectPlatform({ userAgent: "curl/8.5.0" }), undefined);
});
