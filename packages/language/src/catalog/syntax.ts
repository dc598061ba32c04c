import type { CatalogEntry } from "./entry.js";

export const SYNTAX_DIAGNOSTICS: readonly CatalogEntry[] = [];
