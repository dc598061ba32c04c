/** Loads the hand-written bundles in test/fixtures (as fresh parsed JSON each time). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function fixtureText(name: "returns" | "greeting"): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}.scn.json`, import.meta.url)), "utf8");
}

export function fixture(name: "returns" | "greeting"): Record<string, any> {
  return JSON.parse(fixtureText(name)) as Record<string, any>;
}
