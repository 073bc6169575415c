/**
 * The repository stands alone: every relative link of README.md and docs/ names a file inside the
 * repository that exists, and every `#anchor` names a heading of the file it points at. Links to
 * the web (http:, https:, mailto:) are not followed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The Markdown files of the documentation: README.md and everything under docs/. */
function documentationFiles(): string[] {
  const files = [path.join(ROOT, "README.md")];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".md")) files.push(file);
    }
  };
  walk(path.join(ROOT, "docs"));
  return files;
}

/** Markdown without fenced code blocks and inline code, where a `](…)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Inline links `[text](target "title")` and reference definitions `[label]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string);
  const references = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map(
    (m) => m[1] as string,
  );
  return [...inline, ...references];
}

/** GitHub's anchors for the headings of a Markdown file (`## Planned (not yet)` → `planned-not-yet`). */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (heading as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** What is wrong with each relative link of `file` (whose text is `markdown`), one message each. */
function brokenLinks(file: string, markdown: string, root = ROOT): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [pathPart = "", anchor] = target.split("#", 2);
    const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
    const relative = path.relative(root, resolved);
    if (pathPart.startsWith("/") || relative.startsWith("..") || path.isAbsolute(relative)) {
      problems.push(`${target}: leaves the repository`);
    } else if (!existsSync(resolved)) {
      problems.push(`${target}: no such file`);
    } else if (anchor !== undefined && resolved.endsWith(".md")) {
      const anchors = headingAnchors(resolved === file ? markdown : readFileSync(resolved, "utf8"));
      if (!anchors.has(anchor)) problems.push(`${target}: no heading #${anchor} in ${relative || "this file"}`);
    }
  }
  return problems;
}

describe("the documentation's links", () => {
  it("finds README.md and the docs/ pages", () => {
    const files = documentationFiles().map((file) => path.relative(ROOT, file));
    expect(files).toContain("README.md");
    expect(files.filter((f) => f.startsWith(`docs${path.sep}`)).length).toBeGreaterThan(0);
  });

  it.each(documentationFiles().map((file) => [path.relative(ROOT, file), file]))(
    "every relative link of %s resolves inside the repository",
    (_, file) => {
      expect(brokenLinks(file, readFileSync(file, "utf8"))).toEqual([]);
    },
  );

  it("reports links that leave the repository, missing files and missing headings", () => {
    const file = path.join(ROOT, "README.md");
    const markdown = [
      "# Title",
      "See [the contract](../elsewhere/contract.md), [an absolute path](/etc/hosts),",
      "[a missing page](docs/nowhere.md), [a missing heading](#no-such-heading),",
      "[a heading](#title), [the web](https://example.com/x.md) and `[code](ignored.md)`.",
      "",
      "[ref]: docs/missing-too.md",
      "```",
      "[in a code block](also-ignored.md)",
      "```",
    ].join("\n");
    expect(brokenLinks(file, markdown)).toEqual([
      "../elsewhere/contract.md: leaves the repository",
      "/etc/hosts: leaves the repository",
      "docs/nowhere.md: no such file",
      "#no-such-heading: no heading #no-such-heading in README.md",
      "docs/missing-too.md: no such file",
    ]);
  });

  it("makes the anchors GitHub makes", () => {
    const anchors = headingAnchors(
      "# Planned (not implemented yet)\n## Permissions: least privilege, measured\n# A\n# A",
    );
    expect([...anchors]).toEqual(["planned-not-implemented-yet", "permissions-least-privilege-measured", "a", "a-1"]);
  });
});
