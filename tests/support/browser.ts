/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the suites that use the
 * API from a real browser: Swagger UI at /docs, pages of other origins (CORS). Without Chromium
 * they are skipped with how to install it, except in CI, where its absence fails the run.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
const HOW_TO_INSTALL = `Chromium not found at ${CHROMIUM}: the browser tests are skipped.
Install it with: sudo apt-get install -y chromium   (Debian/Ubuntu; or set CHROMIUM_PATH to a Chromium/Chrome binary)`;

if (!chromiumAvailable) {
  // CI installs Chromium; there, its absence is a failure, not a skip.
  if (process.env.CI) throw new Error(HOW_TO_INSTALL.replace("are skipped", "cannot run"));
  console.warn(`\n${HOW_TO_INSTALL}\n`);
}

/** A browser that reaches for nothing on its own (no updates, no sync, no background requests). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
