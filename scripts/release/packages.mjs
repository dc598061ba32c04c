// The public packages of the workspace, in the order they must be published
// (a package after everything it depends on), and how to run the pinned pnpm.
// Shared by pack.mjs, release.mjs and the packaging test (docs/releasing.md).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// SCN_RELEASE_ROOT lets the release test run the version step on a copy.
export const ROOT = process.env["SCN_RELEASE_ROOT"] ?? fileURLToPath(new URL("../..", import.meta.url));

/** Every non-private package under packages/, dependencies first. */
export function publicPackages() {
  const found = [];
  for (const entry of readdirSync(join(ROOT, "packages")).sort()) {
    const file = join(ROOT, "packages", entry, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (manifest.private === true) continue;
    found.push({ name: manifest.name, version: manifest.version, dir: join(ROOT, "packages", entry), manifest });
  }
  const names = new Set(found.map((p) => p.name));
  const ordered = [];
  const placed = new Set();
  while (ordered.length < found.length) {
    const ready = found.filter((p) => !placed.has(p.name) && Object.keys(p.manifest.dependencies ?? {}).every((d) => !names.has(d) || placed.has(d)));
    if (ready.length === 0) throw new Error("the public packages depend on each other in a cycle");
    for (const p of ready) {
      ordered.push(p);
      placed.add(p.name);
    }
  }
  return ordered;
}

/** The tarball name pnpm and npm give a package: `@scn/cli@1.2.3` → `scn-cli-1.2.3.tgz`. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

/** The command that runs the pnpm version the workspace pins in its packageManager field. */
export function pnpmCommand() {
  const pinned = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager;
  return { command: "npx", args: ["-y", pinned] };
}
