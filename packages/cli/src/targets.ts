/**
 * The build targets and their parsing, kept apart from the build command so
 * that option parsing does not load the compiler.
 */
import type { Target } from "./config.js";
import type { SqlDialectName } from "@scn/compiler";

/** The SQL dialects, listed here so that option parsing does not load the compiler. */
export const SQL_DIALECTS: readonly SqlDialectName[] = ["duckdb", "postgres", "spark", "trino", "bigquery", "snowflake"];

export const ALL_TARGETS: readonly Target[] = ["json", "js", "cjs", "dts", "vectors", "sql"];
export const DEFAULT_TARGETS: readonly Target[] = ["json", "js", "dts", "vectors"];

/** Parses `json,js,…`; returns the targets, or a message naming what is wrong. */
export function parseTargets(list: string): Target[] | string {
  const targets = list.split(",").map((t) => t.trim()).filter((t) => t !== "");
  const unknown = targets.filter((t) => !(ALL_TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0 || targets.length === 0) return `unknown target ${unknown.map((t) => `\`${t}\``).join(", ") || "(empty)"}; use a comma-separated list of ${ALL_TARGETS.join(", ")}`;
  return [...new Set(targets)] as Target[];
}

/** Parses `duckdb,postgres,…`; returns the dialects, or a message naming what is wrong. */
export function parseDialects(list: string): SqlDialectName[] | string {
  const dialects = list.split(",").map((d) => d.trim()).filter((d) => d !== "");
  const unknown = dialects.filter((d) => !(SQL_DIALECTS as readonly string[]).includes(d));
  if (unknown.length > 0 || dialects.length === 0) return `unknown dialect ${unknown.map((d) => `\`${d}\``).join(", ") || "(empty)"}; use a comma-separated list of ${SQL_DIALECTS.join(", ")}`;
  return [...new Set(dialects)] as SqlDialectName[];
}
