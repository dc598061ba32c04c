import type { CatalogEntry } from "./entry.js";

export const NAMES_TYPES_DIAGNOSTICS: readonly CatalogEntry[] = [];
