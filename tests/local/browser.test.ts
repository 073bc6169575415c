/**
 * `AUTH=on CORS_ORIGINS=… pnpm dev` from a real browser (headless Chromium): a page of a configured
 * origin writes to the API across origins (its preflight answered as the stage's), a page of any
 * other origin cannot; and Swagger UI's Authorize (OAuth 2.0 client credentials, with the client of
 * `pnpm token --client`) gets a token and calls a guarded route, from `localhost` and `127.0.0.1`
 * alike, under the docs page's Content-Security-Policy.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { root, type StartedDev, startDev, stopDev } from "../support/dev-server.ts";
import { italianSite } from "../support/fixtures.ts";

const state = mkdtempSync(join(tmpdir(), "dev-browser-"));
const pages: Server[] = [];

/** A page server of its own origin, serving one empty page. */
async function pageOrigin(): Promise<string> {
  const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html>"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function tool(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    "node",
    ["--import", "tsx", "packages/local/src/token-cli.ts", ...args],
    {
      cwd: root,
      env: { ...process.env, TMPDIR: state },
    },
  );
  return stdout;
}

let dev: StartedDev;
let app: string;
let stranger: string;
let browser: Browser;
const refused: string[] = [];

beforeAll(async () => {
  [app, stranger] = await Promise.all([pageOrigin(), pageOrigin()]);
  dev = await startDev(["node", "--import", "tsx", "packages/local/src/dev.ts"], {
    SEED: "false",
    AUTH: "on",
    CORS_ORIGINS: app,
    DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"),
    TABLE_NAME: `browser-${process.pid}`,
    TMPDIR: state,
  });
  if (chromiumAvailable) browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dev) await stopDev(dev);
  await Promise.all(pages.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(state, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(url);
  return page;
}

/** What a page's script gets from a write to the API: the status and Location, or the browser's refusal. */
function createFrom(page: Page, token: string) {
  return page.evaluate(
    async ({ api, token, body }) => {
      try {
        const response = await fetch(`${api}/sites`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "idempotency-key": crypto.randomUUID(),
          },
          body: JSON.stringify(body),
        });
        return { status: response.status, location: response.headers.get("location") };
      } catch (error) {
        return { refused: String(error) };
      }
    },
    { api: dev.url, token, body: italianSite() },
  );
}

describe.skipIf(!chromiumAvailable)("pnpm dev from a browser", () => {
  it("lets a page of a configured origin write across origins, and no other page", async () => {
    const token = (await tool("--scope", "write")).trim();
    const created = await createFrom(await open(app), token);
    expect(created).toEqual({ status: 201, location: expect.stringMatching(/^\/sites\/\d+$/) });

    expect(await createFrom(await open(stranger), token)).toEqual({
      refused: expect.stringMatching(/Failed to fetch/),
    });
    const list = await fetch(`${dev.url}/sites`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it.each(["localhost", "127.0.0.1"])(
    "Swagger UI at %s: Authorize with pnpm token --client's credentials, then a guarded route answers 200",
    async (host) => {
      const client = Object.fromEntries(
        (await tool("--client"))
          .trim()
          .split("\n")
          .map((line) => line.split(": ") as [string, string]),
      );
      const page = await open(`${dev.url.replace("localhost", host)}/docs`);
      await page.locator(".opblock").first().waitFor({ timeout: 30_000 });

      await page.locator(".auth-wrapper .authorize").click();
      const oauth = page.locator(".auth-container").filter({ hasText: "clientCredentials" });
      await oauth.locator('input[id^="client_id"]').fill(client.client_id as string);
      await oauth.locator('input[id^="client_secret"]').fill(client.client_secret as string);
      await oauth.getByText("select all").click();
      await oauth.locator("button.authorize").click();
      // Swagger UI fetched a token: it says "Authorized" and offers to log out
      await oauth.getByRole("button", { name: "Remove authorization" }).waitFor({ timeout: 10_000 });
      expect(await oauth.locator("h6").textContent()).toBe("Authorized");
      await oauth.locator("button.btn-done").click();

      const block = page.locator("#operations-Sites-ListSites");
      await block.locator(".opblock-summary").first().click();
      await block.getByRole("button", { name: "Try it out" }).click();
      await block.getByRole("button", { name: "Execute" }).click();
      const status = block.locator(".live-responses-table .response .response-col_status").first();
      await status.waitFor({ timeout: 30_000 });
      expect((await status.textContent())?.trim()).toBe("200");
      expect(refused).toEqual([]);
    },
  );
});
