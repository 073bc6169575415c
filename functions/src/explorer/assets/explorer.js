/*
 * The explorer (GET /explorer): the root groups as an expandable tree, each group with its totals,
 * and the sites below a selected group in a paged table. Everything comes from the API's own
 * answers (GET /groups?root=true, ?parent_group_id=, /groups/{id}/summary, /sites?within_group_id=),
 * read with the bearer token typed in the header when the stage needs one. Text is only ever set as
 * text, never as HTML.
 */

(() => {
  const script = document.currentScript;
  const api = new URL(script.getAttribute("data-api"), window.location.href);
  const PAGE = 10;
  const status = document.getElementById("status");
  const tree = document.getElementById("tree");
  const detail = document.getElementById("detail");
  let token = "";

  function element(tag, properties, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, properties);
    node.append(...children.filter((child) => child !== undefined && child !== null));
    return node;
  }

  const number = (value) => (value === null ? "—" : value.toLocaleString("en", { maximumFractionDigits: 2 }));

  /** One answer of the API, or an error saying what went wrong. */
  async function get(path) {
    const response = await fetch(new URL(path, api), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) throw new Error("This stage needs a bearer token: paste one above.");
    if (!response.ok) throw new Error(body.detail || `${path}: HTTP ${response.status}`);
    return body;
  }

  /** Every item of a listing, following next_cursor. */
  async function all(path) {
    const items = [];
    let cursor = null;
    do {
      const page = await get(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  }

  function report(error) {
    status.textContent = error instanceof Error ? error.message : String(error);
  }

  /** "12 sites below · fr 600 MW · it 212.5 MW". */
  function totalsText(summary) {
    const countries = Object.entries(summary.sites.by_country).map(
      ([country, totals]) => `${country} ${number(totals.max_power_megawatt.sum)} MW`,
    );
    return [`${summary.sites.count} sites below`, ...countries].join(" · ");
  }

  function groupNode(group) {
    const children = element("ul", { hidden: true });
    const totals = element("div", { className: "totals", textContent: "…" });
    const hasChildren = group.child_group_ids.length > 0;
    const toggle = element("button", {
      className: "toggle",
      type: "button",
      textContent: hasChildren ? "▸" : "·",
      disabled: !hasChildren,
      title: hasChildren ? "Expand" : "No groups inside",
    });
    const name = element("button", { className: "name", type: "button", textContent: group.name });
    const row = element(
      "div",
      { className: "row" },
      toggle,
      name,
      element("span", { className: "type", textContent: group.type }),
    );
    const node = element("li", { className: "group" }, row, totals, children);
    node.dataset.id = String(group.id);
    let loaded = false;
    toggle.addEventListener("click", async () => {
      const opening = children.hidden;
      children.hidden = !opening;
      toggle.textContent = opening ? "▾" : "▸";
      if (!opening || loaded) return;
      loaded = true;
      try {
        const inside = await all(`groups?parent_group_id=${group.id}&limit=100`);
        children.replaceChildren(...inside.map(groupNode));
      } catch (error) {
        loaded = false;
        report(error);
      }
    });
    name.addEventListener("click", () => select(group, row));
    get(`groups/${group.id}/summary`).then(
      (summary) => {
        totals.textContent = totalsText(summary);
      },
      (error) => {
        totals.textContent = "";
        report(error);
      },
    );
    return node;
  }

  function summaryList(summary) {
    const list = element("dl", { className: "summary" });
    const add = (term, value) =>
      list.append(element("dt", { textContent: term }), element("dd", { textContent: value }));
    add("Sites below", String(summary.sites.count));
    add("Groups below", String(summary.groups_below));
    add(
      "Capacity",
      `${number(summary.sites.max_power_megawatt.sum)} MW (mean ${number(summary.sites.max_power_megawatt.mean)})`,
    );
    for (const [country, totals] of Object.entries(summary.sites.by_country)) {
      add(country, `${totals.count} sites, ${number(totals.max_power_megawatt.sum)} MW`);
    }
    add("As of", summary.as_of ? summary.as_of.time : "nothing below yet");
    return list;
  }

  /** A group's totals and the paged table of the sites below it. */
  async function select(group, row) {
    for (const selected of tree.querySelectorAll(".row.selected")) selected.classList.remove("selected");
    row.classList.add("selected");
    const body = element("tbody");
    const label = element("span", { id: "page" });
    const previous = element("button", { id: "previous", type: "button", textContent: "Previous" });
    const next = element("button", { id: "next", type: "button", textContent: "Next" });
    const header = ["id", "name", "country", "installed", "max MW"].map((text, i) =>
      element("th", { textContent: text, className: i === 0 || i === 4 ? "number" : "" }),
    );
    const heading = element("h2", { textContent: `${group.name} (${group.type})` });
    const totals = element("div");
    detail.replaceChildren(
      heading,
      totals,
      element("table", { id: "sites" }, element("thead", {}, element("tr", {}, ...header)), body),
      element("div", { className: "pager" }, previous, next, label),
    );
    const cursors = [null];
    async function show(index) {
      try {
        const cursor = cursors[index];
        const page = await get(
          `sites?within_group_id=${group.id}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        if (page.next_cursor) cursors[index + 1] = page.next_cursor;
        body.replaceChildren(
          ...page.items.map((site) =>
            element(
              "tr",
              {},
              element("td", { className: "number", textContent: String(site.id) }),
              element("td", { textContent: site.name }),
              element("td", { textContent: site.country }),
              element("td", { textContent: site.installation_date }),
              element("td", { className: "number", textContent: number(site.max_power_megawatt) }),
            ),
          ),
        );
        label.textContent = page.items.length === 0 ? "No site below." : `Page ${index + 1}`;
        previous.disabled = index === 0;
        next.disabled = !page.next_cursor;
        previous.onclick = () => show(index - 1);
        next.onclick = () => show(index + 1);
      } catch (error) {
        report(error);
      }
    }
    await Promise.all([
      get(`groups/${group.id}/summary`).then((summary) => totals.replaceChildren(summaryList(summary)), report),
      show(0),
    ]);
  }

  async function loadRoots() {
    status.textContent = "";
    try {
      const roots = await all("groups?root=true&limit=100");
      tree.replaceChildren(...roots.map(groupNode));
      if (roots.length === 0) tree.replaceChildren(element("li", { textContent: "No group yet." }));
    } catch (error) {
      report(error);
    }
  }

  document.getElementById("token").addEventListener("submit", (event) => {
    event.preventDefault();
    token = event.target.elements.namedItem("bearer").value.trim();
    loadRoots();
  });
  loadRoots();
})();
