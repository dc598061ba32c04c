import { readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const BROWSER_PACKAGES = ["language", "compiler", "runtime", "prettier-plugin"];
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("the packages the playground bundles", () => {
  it("import no Node built-in, so the browser runs the same code as the CLI", () => {
    const offenders: string[] = [];
    for (const pkg of BROWSER_PACKAGES) {
      for (const file of sources(join(ROOT, "packages", pkg, "src"))) {
        for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
          if (builtins.has(match[1] ?? "")) offenders.push(`${file.slice(ROOT.length)}: ${match[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
