/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the suites that use the
 * API from a real browser: Swagger UI at /docs, the explorer at /explorer, pages of other origins
 * (CORS). Without Chromium they are skipped with how to install it, except in CI, where its
 * absence fails the run.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

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

export interface OfflinePage {
  browser: Browser;
  page: Page;
  /** Requests addressed elsewhere than this machine. */
  outside: string[];
  /** What the Content-Security-Policy refused. */
  refused: string[];
}

/**
 * A page of the API's own (/docs, /explorer) that may reach only this machine: anything else is
 * recorded and refused, and what its Content-Security-Policy blocked is recorded as Chromium
 * reports it on the console.
 */
export async function offlinePage(): Promise<OfflinePage> {
  const browser = await launchChromium();
  const outside: string[] = [];
  const refused: string[] = [];
  const local = (url: string) => {
    const { hostname, protocol } = new URL(url);
    return protocol === "data:" || hostname === "127.0.0.1" || hostname === "localhost";
  };
  const context = await browser.newContext();
  await context.route("**/*", (route) => {
    if (local(route.request().url())) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  page.on("request", (request) => {
    if (!local(request.url())) outside.push(request.url());
  });
  return { browser, page, outside, refused };
}
