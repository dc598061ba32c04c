import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Tests import workspace packages from their TypeScript sources, so a test run
// never depends on a stale build of a sibling package.
const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // The formatter's entry point must come first: "@scn/language" would also match it as a prefix.
      "@scn/language/syntax": fileURLToPath(new URL("./packages/language/src/syntax.ts", import.meta.url)),
      "@scn/language": src("language"),
      "@scn/runtime": src("runtime"),
      "@scn/compiler": src("compiler"),
      "@scn/prettier-plugin": src("prettier-plugin"),
      "@scn/language-server": src("language-server"),
      "@scn/report": src("report"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "grammar/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Test files share a worker's module cache instead of importing the
    // compiler afresh each: importing it from source cost 184 s of the suite's
    // summed time (of 1,115 s) and now costs 24 s (ARCHITECTURE.md,
    // "Testing"). This holds because tests leave no global state behind:
    // what a test changes (a prototype getter, a temporary directory) it
    // restores in the same test, and no test mocks a module.
    isolate: false,
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
