import { type Browser, chromium } from "playwright-core";

/**
 * Debian's chromium driven by playwright-core (no browser download): headless, sandbox and
 * network chatter off, a fresh profile each time (playwright's launch makes a new temporary
 * --user-data-dir itself and refuses one passed in).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
