import { http } from "#commons/http";
import { htmlPage, pageAnswer, pageBase } from "#commons/pages";
import { getExplorer } from "./routes.ts";

/**
 * GET /explorer (API.md "The hierarchy"): a page for people, over the API's own answers, made of
 * its own files only (explorer.js and explorer.css, `GET /explorer/{asset}`), under the same
 * Content-Security-Policy as /docs (commons/pages.ts).
 */
export function explorerPage(path: string): string {
  const { files, api } = pageBase(path, "explorer");
  return htmlPage(
    "Sites &amp; Groups explorer",
    `${files}explorer.css`,
    `  <header>
    <h1>Sites &amp; Groups explorer</h1>
    <form id="token">
      <label for="bearer">Bearer token</label>
      <input id="bearer" name="bearer" type="password" autocomplete="off" placeholder="where the stage needs one">
      <button type="submit">Use</button>
    </form>
  </header>
  <p id="status" role="status"></p>
  <main>
    <section>
      <h2>Groups</h2>
      <ul id="tree" class="tree"></ul>
    </section>
    <section id="detail">
      <h2>Select a group to see its totals and the sites below it.</h2>
    </section>
  </main>
  <script src="${files}explorer.js" data-api="${api}"></script>`,
  );
}

export const handler = http(getExplorer, async ({ event }) => pageAnswer(explorerPage(event.path ?? "/explorer")));
