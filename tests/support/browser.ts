/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the tests of the API's
 * pages: a page that may reach only this machine (anything else is recorded and refused), with
 * what its Content-Security-Policy blocked, as Chromium reports it on the console.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);

export interface OfflinePage {
  browser: Browser;
  page: Page;
  /** Requests addressed elsewhere than this machine. */
  outside: string[];
  /** What the Content-Security-Policy refused. */
  refused: string[];
}

export async function offlinePage(): Promise<OfflinePage> {
  const browser = await chromium.launch({
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
