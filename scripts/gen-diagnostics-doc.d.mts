// Types for the generator, so TypeScript tests can import it.
import type { CatalogEntry } from "@scn/language";

export declare const DOC_PATH: string;
export declare function renderDiagnosticsDoc(catalog: readonly CatalogEntry[]): string;
