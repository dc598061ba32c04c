/**
 * The packages as a user gets them: every public package is packed as the
 * registry would receive it (scripts/release/pack.mjs rewrites `workspace:`
 * ranges and checks bin, exports, types, README and LICENSE), installed with
 * plain npm into a fresh project outside the repository next to the user's
 * own prettier, and used the way docs/install.md says: `scn init`, then
 * check, test, build and fmt through the npm scripts init wrote, the built
 * module and the runtime imported by plain Node, and the project's own
 * prettier formatting with the plugin. It needs a fresh build (`pnpm test`
 * builds first) and the npm registry for the third-party dependencies (npm's
 * cache makes later runs fast).
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPackages } from "../scripts/release/pack.mjs";
import { checkTarball } from "../scripts/release/tarball.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "scn-packages-"));
const packs = join(tmp, "packs");
const project = join(tmp, "energy-scenarios");
let tarballs: string[] = [];

/** npm as a user runs it: none of the workspace's pnpm or npm settings leak in. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_|^PNPM|^pnpm_/i.test(key)) env[key] = value;
  return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", NO_COLOR: "1" };
}

function run(command: string, args: readonly string[], cwd = project): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], { cwd, encoding: "utf8", env: npmEnv(), timeout: 180_000 });
}

function succeeded(result: SpawnSyncReturns<string>): string {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

beforeAll(() => {
  tarballs = packPackages(packs);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "energy-scenarios", version: "1.0.0", private: true, scripts: { test: 'echo "Error: no test specified" && exit 1' } }, null, 2) + "\n");
  // The user's own prettier, at the version this repository tests with.
  const prettier = JSON.parse(readFileSync(join(ROOT, "node_modules/prettier/package.json"), "utf8")).version as string;
  succeeded(run("npm", ["install", "--save-dev", "--prefer-offline", ...tarballs, `prettier@${prettier}`]));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the packed packages", () => {
  it("are publishable: exact versions for each other, every file they point at, README and LICENSE", () => {
    // Every public package is packed, each after the packages it depends on.
    expect(tarballs.map((t) => t.slice(packs.length + 1))).toEqual(
      ["runtime", "language", "compiler", "prettier-plugin", "language-server", "report", "cli"].map((p) => `scn-${p}-${version(p)}.tgz`),
    );
    for (const tarball of tarballs) expect(checkTarball(tarball, tarball.includes("prettier") ? "@scn/prettier-plugin" : nameOf(tarball))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(project, "node_modules/@scn/cli/package.json"), "utf8"));
    expect(installed.dependencies["@scn/compiler"]).toBe(version("compiler"));
    for (const p of ["cli", "runtime", "compiler", "language", "prettier-plugin", "language-server", "report"]) {
      expect(readFileSync(join(ROOT, "packages", p, "LICENSE"), "utf8")).toBe(readFileSync(join(ROOT, "LICENSE"), "utf8"));
    }
  });

  it("scaffold, check, test, build and format a new project with npm alone", () => {
    const init = run(join(project, "node_modules/.bin/scn"), ["init"]);
    expect(succeeded(init)).toContain("package.json (added script `check`, script `test`, script `build`, script `fmt`)");
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    // The tarball dependency npm wrote is kept; init adds the scripts.
    expect(manifest.devDependencies["@scn/cli"]).toMatch(/^file:/);
    expect(manifest.scripts).toMatchObject({ check: "scn check", test: "scn test", build: "scn build", fmt: "scn fmt" });

    expect(succeeded(run("npm", ["run", "check"]))).toContain("0 errors");
    expect(succeeded(run("npm", ["test"]))).toMatch(/5 passed, 0 failed/);
    expect(succeeded(run("npm", ["run", "build"]))).toContain("wrote dist/scn/energy-scenarios.scn.json");
    succeeded(run("npm", ["run", "fmt", "--", "--check"]));
    // The workflow init wrote installs with npm ci, which needs the lockfile npm install wrote.
    expect(existsSync(join(project, "package-lock.json"))).toBe(true);
    expect(readFileSync(join(project, ".github/workflows/scn.yml"), "utf8")).not.toMatch(/npx scn /);
  });

  it("give the same answer from the built module and from the runtime, imported by plain Node", () => {
    writeFileSync(
      join(project, "answer.mjs"),
      [
        'import { readFileSync } from "node:fs";',
        'import { loadBundle } from "@scn/runtime";',
        'import * as scenarios from "./dist/scn/energy-scenarios.mjs";',
        'const context = { customer: { id: "c1", loyalty: "gold", price_sensitivity: 0.9, consent: { personalization: true } }, order: { status: "delayed", days_late: 9 } };',
        'const runtime = loadBundle(readFileSync("dist/scn/energy-scenarios.scn.json", "utf8"));',
        "const fromRuntime = runtime.decide(\"delay_notice\", context);",
        "const fromModule = scenarios.decide(\"delay_notice\", context);",
        "console.log(JSON.stringify({ runtime: [fromRuntime.rule, fromRuntime.output], module: [fromModule.rule, fromModule.output] }));",
      ].join("\n"),
    );
    const answers = JSON.parse(succeeded(run(process.execPath, ["answer.mjs"])));
    expect(answers.runtime).toEqual(answers.module);
    expect(answers.runtime[1]).toMatchObject({ channel: "sms", voucher: "sorry_15" });
  });

  it("format through the project's own prettier with the plugin", () => {
    writeFileSync(join(project, ".prettierrc"), JSON.stringify({ plugins: ["@scn/prettier-plugin"] }) + "\n");
    const prettier = join(project, "node_modules/.bin/prettier");
    succeeded(run(prettier, ["--check", "scenarios/**/*.scn"]));
    const file = join(project, "scenarios/late-delivery.scn");
    const canonical = readFileSync(file, "utf8");
    copyFileSync(file, join(tmp, "canonical.scn"));
    writeFileSync(file, canonical.replace(/\n  /g, "\n      ").replace(/ \{\n/g, "   {\n"));
    expect(run(prettier, ["--check", "scenarios/**/*.scn"]).status).not.toBe(0);
    succeeded(run(prettier, ["--write", "scenarios/**/*.scn"]));
    expect(readFileSync(file, "utf8")).toBe(canonical);
  });
});


describe("the release script", () => {
  it("versions every public package and `scn --version` together", () => {
    const copy = join(tmp, "release-root");
    for (const p of ["cli", "runtime", "compiler", "language", "prettier-plugin", "language-server", "report", "bench", "vscode-extension"]) {
      mkdirSync(join(copy, "packages", p), { recursive: true });
      copyFileSync(join(ROOT, "packages", p, "package.json"), join(copy, "packages", p, "package.json"));
    }
    mkdirSync(join(copy, "packages/cli/src"));
    copyFileSync(join(ROOT, "packages/cli/src/version.ts"), join(copy, "packages/cli/src/version.ts"));
    copyFileSync(join(ROOT, "package.json"), join(copy, "package.json"));
    const release = (args: string[]) => spawnSync(process.execPath, [join(ROOT, "scripts/release/release.mjs"), ...args], { encoding: "utf8", env: { ...process.env, SCN_RELEASE_ROOT: copy } });
    expect(release(["version", "1.2"]).status).toBe(1);
    expect(release(["version", "1.2.3-rc.1"]).status).toBe(0);
    for (const p of ["cli", "runtime", "compiler", "language", "prettier-plugin", "language-server", "report"]) {
      expect(JSON.parse(readFileSync(join(copy, "packages", p, "package.json"), "utf8")).version).toBe("1.2.3-rc.1");
    }
    // Private packages are not released.
    expect(JSON.parse(readFileSync(join(copy, "packages/bench/package.json"), "utf8")).version).toBe(version("bench"));
    expect(readFileSync(join(copy, "packages/cli/src/version.ts"), "utf8")).toContain('COMPILER_VERSION = "1.2.3-rc.1"');
  });

  it("publishes the checked tarballs with provenance (a dry run: npm does everything but upload)", () => {
    const publish = spawnSync(process.execPath, [join(ROOT, "scripts/release/release.mjs"), "publish", "--dry-run", "--from", packs], { encoding: "utf8", env: npmEnv(), timeout: 180_000 });
    expect(publish.status, publish.stderr).toBe(0);
    expect(publish.stdout).toContain("npm publish " + join(packs, "scn-cli-"));
    expect(publish.stdout).toContain("--provenance");
    expect(publish.stdout).toContain("checked (dry run, nothing uploaded) 7 packages");
  });
});


describe("the docs", () => {
  it("never run `npx scn` without naming the package, in any command they show", () => {
    const docs = [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join(ROOT, "docs", f))];
    for (const p of readdirSync(join(ROOT, "packages"))) if (existsSync(join(ROOT, "packages", p, "README.md"))) docs.push(join(ROOT, "packages", p, "README.md"));
    const offending: string[] = [];
    for (const doc of docs) {
      const blocks = readFileSync(doc, "utf8").match(/```[\s\S]*?```/g) ?? [];
      for (const line of blocks.join("\n").split("\n")) if (/npx\s+(?:-y\s+|--yes\s+)?scn\b/.test(line)) offending.push(`${doc}: ${line.trim()}`);
    }
    expect(offending).toEqual([]);
  });
});

function version(dir: string): string {
  return JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")).version as string;
}

function nameOf(tarball: string): string {
  const base = tarball.slice(packs.length + 1).replace(/-\d+\.\d+\.\d+.*\.tgz$/, "");
  return `@scn/${base.replace(/^scn-/, "")}`;
}
