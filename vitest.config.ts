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
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
