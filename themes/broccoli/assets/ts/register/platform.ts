// Which platform the visitor is on, as a hint for the invite page's app chooser (keys of
// data/clients.toml [[platform]]). Pure: takes what the browser tells, returns a key or undefined.

export type PlatformKey = "android" | "ios" | "windows" | "macos" | "linux";

/** What the browser tells: navigator.userAgent, navigator.userAgentData (Chromium), maxTouchPoints. */
export interface PlatformHints {
  userAgent: string;
  /** navigator.userAgentData.platform ("Android", "Windows", "macOS", "Linux", "Chrome OS", …), where there is one */
  uaPlatform?: string | undefined;
  /** navigator.maxTouchPoints: iPadOS claims to be a Mac but has a touch screen */
  maxTouchPoints?: number | undefined;
}

/**
 * The visitor's platform, or undefined when it is none of those with apps (Chrome OS, a console,
 * an unknown agent). Android before Linux (its agent names both), iOS before macOS (an iPad asks for
 * the desktop site with a Mac agent, told apart by its touch points).
 */
export function detectPlatform(h: PlatformHints): PlatformKey | undefined {
  const p = (h.uaPlatform ?? "").toLowerCase();
  const ua = h.userAgent;
  if (p === "android" || /\bAndroid\b/i.test(ua)) return "android";
  if (p === "ios" || /\b(iPhone|iPad|iPod)\b/.test(ua)) return "ios";
  if (p === "macos" || /\bMac OS X\b|\bMacintosh\b/.test(ua)) return (h.maxTouchPoints ?? 0) > 1 ? "ios" : "macos";
  if (p === "windows" || /\bWindows\b/.test(ua)) return "windows";
  if (p === "chrome os" || p === "chromeos" || /\bCrOS\b/.test(ua)) return undefined;
  if (p === "linux" || /\bLinux\b|\bX11\b/.test(ua)) return "linux";
  return undefined;
}
