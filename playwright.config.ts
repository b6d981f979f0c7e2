import path from "node:path";
import { defineConfig } from "@playwright/test";
import { writeFontsConf } from "./e2e/support/fonts.ts";
import { root } from "./scripts/config/paths.ts";

// Chromium sees only the fonts npm run setup installs (why: e2e/support/fonts.ts).
const fontsConf = writeFontsConf(path.join(root, ".tmp/fontconfig"));

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  outputDir: "test-results",
  // Visual goldens (e2e/visual.spec.ts), committed; one per name, no platform suffix (Debian Chromium only).
  snapshotPathTemplate: "{testDir}/{testFilePath}-snapshots/{arg}{ext}",
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      env: { ...process.env, FONTCONFIG_FILE: fontsConf },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
