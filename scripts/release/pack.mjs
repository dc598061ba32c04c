// Packs every public package into a directory as the registry would receive
// it: `pnpm pack` rewrites each `workspace:` range to the exact version, and
// each tarball is checked (no workspace range left, every bin, export and
// types file present, README and LICENSE included). It expects a fresh
// build (`pnpm run build`). Usage: node scripts/release/pack.mjs OUT_DIR
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { resolve, join } from "node:path";
import { ROOT, pnpmCommand, publicPackages, tarballName } from "./packages.mjs";
import { checkTarball } from "./tarball.mjs";

/** Packs the public packages into `outDir`; returns their tarball paths, dependencies first. */
export function packPackages(outDir) {
  mkdirSync(outDir, { recursive: true });
  const packages = publicPackages();
  for (const p of packages) rmSync(join(outDir, tarballName(p.name, p.version)), { force: true });
  const pnpm = pnpmCommand();
  const filters = packages.flatMap((p) => ["--filter", p.name]);
  const result = spawnSync(pnpm.command, [...pnpm.args, "-r", ...filters, "pack", "--pack-destination", outDir], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, COREPACK_INTEGRITY_KEYS: "0" },
  });
  if (result.status !== 0) throw new Error(`pnpm pack failed:\n${result.stdout}\n${result.stderr}`);
  const tarballs = packages.map((p) => join(outDir, tarballName(p.name, p.version)));
  const problems = packages.flatMap((p, i) => checkTarball(tarballs[i], p.name).map((problem) => `${p.name}: ${problem}`));
  if (problems.length > 0) throw new Error(`the packed packages are not publishable:\n${problems.join("\n")}`);
  return tarballs;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, "scripts/release/pack.mjs")) {
  const outDir = resolve(process.argv[2] ?? "packed");
  try {
    for (const tarball of packPackages(outDir)) process.stdout.write(`${tarball}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
