/**
 * A small glob matcher for `sources` in scn.config.json (Node 20 has no
 * `fs.glob`). Supported: `**` (any number of directories), `*` (any
 * characters except `/`), `?` (one character except `/`). Everything else is
 * literal. Matching is on `/`-separated paths relative to the config file.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { isScnWorkFile } from "./temporaries.js";

export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*" && pattern[i + 1] === "*") {
      // `**/` matches zero or more whole directories; a trailing `**` matches anything.
      if (pattern[i + 2] === "/") {
        source += "(?:[^/]+/)*";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

const SKIPPED = new Set(["node_modules", ".git"]);

/** Every file under `root` (relative, `/`-separated, sorted) that matches one of `patterns`. */
export function expandGlobs(root: string, patterns: readonly string[]): string[] {
  const matchers = patterns.map(globToRegExp);
  const found: string[] = [];
  const walk = (directory: string, prefix: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      // A glob such as `**/*` must not pick up scn's own temporary files.
      if (isScnWorkFile(entry.name)) continue;
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(join(directory, entry.name), relative);
      } else if (entry.isFile() && matchers.some((m) => m.test(relative))) found.push(relative);
    }
  };
  walk(root, "");
  return found.sort();
}
