import type { CatalogEntry } from "./entry.js";

export const ANALYSIS_DIAGNOSTICS: readonly CatalogEntry[] = [];
