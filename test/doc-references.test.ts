/**
 * The repository explains itself: every reference to a documentation section
 * points at a heading that exists, and nothing cites a file outside the
 * repository. The convention (ARCHITECTURE.md#citing-the-docs) is one form
 * everywhere: a path under docs/ with a heading anchor in code and comments,
 * a relative markdown link with an anchor in documents, where the anchor is
 * the heading's GitHub slug.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Tracked text files; generated baselines and the lockfile hold no references. */
const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
  .split("\0")
  .filter((path) => path !== "" && existsSync(join(ROOT, path)))
  .filter((path) => /\.(?:ts|mts|mjs|js|json|md|scn|yaml|yml|py|txt)$/.test(path))
  .filter((path) => !path.startsWith("test/baselines/") && path !== "pnpm-lock.yaml");

/**
 * Design notes that lived outside the repository, by name. The names are
 * assembled here so that this file does not match its own pattern.
 */
const OUTSIDE_NOTES = ["LANGUAGE", "OUTPUT", "TOOLCHAIN", "STYLE", "DOMAIN"].join("|");
const OUTSIDE = new RegExp(`\\b(?:${OUTSIDE_NOTES})(?:\\.md\\b| §)|\\.\\./shared\\b|/work/` + "shared\\b");

/**
 * A page under docs/, optionally with an anchor, anywhere in any file. An
 * anchor built at run time (`#${code}`) is checked as far as the page.
 */
const DOC_REFERENCE = /\bdocs\/([\w-]+\.md)(#[\w-]*)?(?![\w$-])/g;
/** A section number after a file name: the form the convention replaced. */
const SECTION_NUMBER = /\bdocs\/[\w-]+\.md ?§/;
/** A relative markdown link to a document or to an anchor of the same document. */
const MARKDOWN_LINK = /\]\((?!https?:)([^)\s#]*\.md)?(#[^)\s]*)?\)/g;

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = (heading[1] ?? "")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string>>();
function anchorsIn(path: string): Set<string> {
  let anchors = anchorCache.get(path);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(join(ROOT, path), "utf8"));
    anchorCache.set(path, anchors);
  }
  return anchors;
}

/** What is wrong with a reference to `target` (repository-relative) and `anchor` (with its `#`), if anything. */
function problem(target: string, anchor: string | undefined): string | undefined {
  if (!existsSync(join(ROOT, target))) return `${target} does not exist`;
  if (anchor === undefined) return undefined;
  if (anchor === "#") return `${target}# has an empty anchor`;
  if (!anchorsIn(target).has(anchor.slice(1))) return `${target} has no heading with the anchor ${anchor}`;
  return undefined;
}

interface Finding {
  readonly where: string;
  readonly what: string;
}

function findingsIn(path: string): Finding[] {
  const text = readFileSync(join(ROOT, path), "utf8");
  const found: Finding[] = [];
  text.split("\n").forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    if (OUTSIDE.test(line)) found.push({ where, what: `cites a file outside the repository: ${line.trim()}` });
    if (SECTION_NUMBER.test(line)) found.push({ where, what: `cites a section by number instead of a heading anchor: ${line.trim()}` });
    for (const match of line.matchAll(DOC_REFERENCE)) {
      const what = problem(`docs/${match[1]}`, match[2]);
      if (what) found.push({ where, what });
    }
    if (!path.endsWith(".md")) return;
    // Code spans show links as text; only real links are followed.
    for (const match of line.replace(/`[^`]*`/g, "").matchAll(MARKDOWN_LINK)) {
      const target = match[1] ? normalize(relative(ROOT, join(ROOT, dirname(path), match[1]))) : path;
      const what = problem(target, match[2]);
      if (what) found.push({ where, what });
    }
  });
  return found;
}

describe("references to the documentation", () => {
  it("reads the repository's files", () => {
    expect(files).toContain("ARCHITECTURE.md");
    expect(files.filter((path) => path.startsWith("packages/")).length).toBeGreaterThan(100);
  });

  it("all resolve, and none leaves the repository", () => {
    expect(files.flatMap(findingsIn)).toEqual([]);
  });

  it("knows a dangling reference when it sees one", () => {
    expect(problem("docs/language.md", "#11-what-an-evaluation-means")).toBeUndefined();
    expect(problem("docs/language.md", "#99-no-such-section")).toBeDefined();
    expect(problem(["docs", "no-such-page.md"].join("/"), undefined)).toBeDefined();
    expect(anchorsOf("# A `b`: c → d\n## A `b`: c → d\n```\n# not a heading\n```\n")).toEqual(new Set(["a-b-c--d", "a-b-c--d-1"]));
    expect(OUTSIDE.test(`see ${"LANGUAGE"}.md §5`)).toBe(true);
  });
});
