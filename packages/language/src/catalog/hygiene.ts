import type { CatalogEntry } from "./entry.js";

export const HYGIENE_DIAGNOSTICS: readonly CatalogEntry[] = [];
