/**
 * The `json` target: the bundle as canonical JSON, a value per line, each decision's
 * rows and index encoded (docs/bundle-format.md, "Encoded tables").
 *
 * Invariant: the bytes depend only on the bundle's content (keys sorted at
 * every depth, a fixed layout, a final newline), so equal bundles are
 * equal files and `hash` can be recomputed by any reader from the parsed
 * document without the `hash` key.
 */
import { bundleDocument, type Bundle, type BundleDocument } from "@scn/runtime";
import { assembledFile } from "../bundle/assemble.js";
import { prettyCanonicalJson, WIDE } from "../bundle/canonical-json.js";

/**
 * `document`, when given, is `bundleDocument(bundle)`, already made for
 * another target of the same build. A bundle assembled by this compiler
 * has had its text written while it was hashed (assembledFile).
 */
export function emitJson(bundle: Bundle, document?: Omit<BundleDocument, "hash">): string {
  return assembledFile(bundle) ?? prettyCanonicalJson(document ?? bundleDocument(bundle), WIDE);
}
