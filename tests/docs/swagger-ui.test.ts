/**
 * /docs in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
 * opens Swagger UI, sees every operation of the document, and uses "Try it out" to create a
 * site and to list sites. No request may leave the machine: the page must work offline.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { chromiumAvailable, offlinePage } from "../support/browser.ts";
import { servedDocument } from "../support/openapi-document.ts";

describe.skipIf(!chromiumAvailable)("Swagger UI at /docs, in headless Chromium", () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let outside: string[];
  let refused: string[];

  beforeAll(async () => {
    api = await startTestApi();
    ({ browser, page, outside, refused } = await offlinePage());
    await page.goto(`${api.url}/docs`);
    await page.locator(".opblock").first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows every operation of the document", async () => {
    const shown = await page.locator(".opblock").evaluateAll((blocks) =>
      blocks.map((block) => {
        const method = block.querySelector(".opblock-summary-method")?.textContent?.trim() ?? "";
        const path = block.querySelector(".opblock-summary-path")?.getAttribute("data-path") ?? "";
        return `${method} ${path}`;
      }),
    );
    const documented = Object.entries(servedDocument().paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(shown.sort()).toEqual(documented.sort());
  });

  async function tryItOut(id: string) {
    const block = page.locator(`#operations-${id}`);
    await block.locator(".opblock-summary").first().click();
    await block.getByRole("button", { name: "Try it out" }).click();
    await block.getByRole("button", { name: "Execute" }).click();
    const status = block.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor({ timeout: 30_000 });
    const body = await block.locator(".live-responses-table .response-col_description pre").first().textContent();
    return { status: (await status.textContent())?.trim(), body: body ?? "" };
  }

  it('creates a site with "Try it out" (201), then lists it (200)', async () => {
    const created = await tryItOut("Sites-CreateSite");
    expect(created.status).toBe("201");
    expect(created.body).toContain('"country": "fr"');
    const listed = await tryItOut("Sites-ListSites");
    expect(listed.status).toBe("200");
    expect(listed.body).toContain("Lyon Solar Park");
    // and the API agrees
    expect((await api.GET("/sites")).body.items).toHaveLength(1);
  });

  it('creates two sites with two "Try it out" creates in a row: no Idempotency-Key it did not make', async () => {
    const block = page.locator("#operations-Sites-CreateSite");
    // still open and in "Try it out" mode: the Italian example this time, which takes no day of its own
    await block.locator("select.examples-select-element").first().selectOption("it");
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      // "Clear" removes the previous answer, so the one read below is this request's
      await block.locator("button.btn-clear").click();
      await block.getByRole("button", { name: "Execute" }).click();
      const status = block.locator(".live-responses-table .response .response-col_status").first();
      await status.waitFor({ timeout: 30_000 });
      const body = await block.locator(".live-responses-table .response-col_description pre").first().textContent();
      expect(`${(await status.textContent())?.trim()} ${body}`).toMatch(/^201 /);
      ids.push(JSON.parse(body as string).id);
    }
    expect(new Set(ids).size).toBe(2);
    const italian = (await api.GET("/sites", { params: { query: { country: "it" } } })).body.items;
    expect(italian.map((site) => site.id).sort()).toEqual(ids.sort());
  });

  it("sent no request beyond this machine", () => {
    expect(outside).toEqual([]);
  });

  it("runs under its Content-Security-Policy with nothing blocked", () => {
    expect(refused).toEqual([]);
  });
});
