// The release path (docs/releasing.md), in two steps:
//
//   node scripts/release/release.mjs version 0.2.0
//     sets the version of every public package and of `scn --version`, so
//     that the packed tarballs depend on each other at exactly that version;
//     commit it and tag it `v0.2.0`.
//
//   node scripts/release/release.mjs publish [--dry-run] [--tag next] [--skip-build | --from DIR]
//     builds, packs and checks every tarball (pack.mjs), then runs
//     `npm publish --provenance --access public` on each, dependencies first.
//     Provenance needs a CI with an OIDC identity: the tag's workflow
//     (.github/workflows/release.yml) runs this step. `--dry-run` does
//     everything but upload.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, pnpmCommand, publicPackages, tarballName } from "./packages.mjs";
import { checkTarball } from "./tarball.mjs";
import { packPackages } from "./pack.mjs";

const VERSION_FILE = join(ROOT, "packages/cli/src/version.ts");
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  process.stdout.write(`$ ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, COREPACK_INTEGRITY_KEYS: "0" }, ...options });
  if (result.status !== 0) fail(`\`${command} ${args.join(" ")}\` exited with ${result.status}`);
}

/** Rewrites the version of every public package and of the CLI's --version. */
export function setVersion(version) {
  if (!SEMVER.test(version)) fail(`\`${version}\` is not a version like 1.2.3 or 1.2.3-rc.1`);
  for (const p of publicPackages()) {
    const file = join(p.dir, "package.json");
    const text = readFileSync(file, "utf8");
    // Only the top-level "version" field changes, keeping the file's layout.
    writeFileSync(file, text.replace(/^(  "version": )"[^"]*"/m, `$1"${version}"`));
  }
  const source = readFileSync(VERSION_FILE, "utf8");
  writeFileSync(VERSION_FILE, source.replace(/COMPILER_VERSION = "[^"]*"/, `COMPILER_VERSION = "${version}"`));
}

/** The tarballs of the public packages in `dir`, dependencies first, each checked. */
function checkedTarballs(dir) {
  const packages = publicPackages();
  const tarballs = packages.map((p) => join(dir, tarballName(p.name, p.version)));
  const problems = packages.flatMap((p, i) => (existsSync(tarballs[i]) ? checkTarball(tarballs[i], p.name) : ["was not packed"]).map((m) => `${p.name}: ${m}`));
  if (problems.length > 0) fail(`the tarballs in ${dir} are not publishable:\n${problems.join("\n")}`);
  return tarballs;
}

function publish(flags) {
  const fromIndex = flags.indexOf("--from");
  const dryRun = flags.includes("--dry-run");
  const tagIndex = flags.indexOf("--tag");
  const tag = tagIndex >= 0 ? flags[tagIndex + 1] : undefined;
  const versions = new Set(publicPackages().map((p) => p.version));
  if (versions.size !== 1) fail(`the public packages have different versions (${[...versions].join(", ")}); run \`release.mjs version X\` first`);
  if (fromIndex < 0 && !flags.includes("--skip-build")) {
    const pnpm = pnpmCommand();
    run(pnpm.command, [...pnpm.args, "run", "build"]);
  }
  // --from DIR publishes tarballs packed before (by pack.mjs), checked again.
  const outDir = fromIndex >= 0 ? flags[fromIndex + 1] : mkdtempSync(join(tmpdir(), "scn-release-"));
  const tarballs = fromIndex >= 0 ? checkedTarballs(outDir) : packPackages(outDir);
  for (const tarball of tarballs) {
    const args = ["publish", tarball, "--access", "public", "--provenance", ...(tag ? ["--tag", tag] : []), ...(dryRun ? ["--dry-run"] : [])];
    run("npm", args);
  }
  if (fromIndex < 0) rmSync(outDir, { recursive: true, force: true });
  process.stdout.write(`release: ${dryRun ? "checked (dry run, nothing uploaded)" : "published"} ${tarballs.length} packages at ${[...versions][0]}\n`);
}

const [step, ...rest] = process.argv.slice(2);
if (step === "version") {
  if (rest.length !== 1) fail("usage: release.mjs version X.Y.Z");
  setVersion(rest[0]);
  process.stdout.write(`release: every public package is now at ${rest[0]}; commit, tag v${rest[0]} and push the tag\n`);
} else if (step === "publish") {
  publish(rest);
} else {
  fail("usage: release.mjs version X.Y.Z | release.mjs publish [--dry-run] [--tag TAG] [--skip-build | --from DIR]");
}
