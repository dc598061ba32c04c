/**
 * The `json` target: the bundle as canonical, indented JSON, each decision's
 * rows and index encoded (docs/bundle-format.md, "Encoded tables").
 *
 * Invariant: the bytes depend only on the bundle's content (keys sorted at
 * every depth, fixed indentation, a final newline), so equal bundles are
 * equal files and `hash` can be recomputed by any reader from the parsed
 * document without the `hash` key.
 */
import { bundleDocument, type Bundle } from "@scn/runtime";
import { prettyCanonicalJson, WIDE } from "../bundle/canonical-json.js";

export function emitJson(bundle: Bundle): string {
  return prettyCanonicalJson(bundleDocument(bundle), WIDE);
}
