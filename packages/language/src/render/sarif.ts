/**
 * The SARIF 2.1.0 renderer, for GitHub code scanning and other SARIF
 * consumers. Every catalog entry is a rule (so rule indexes are stable across
 * runs); results use relative artifact URIs under `%SRCROOT%`, 1-based
 * regions with exclusive end columns (SARIF's default `utf16CodeUnits`
 * column kind matches our spans), and carry witness contexts in `properties`.
 *
 * Invariant: the log passes the official OASIS SARIF 2.1.0 schema (tested
 * with ajv) and is a pure function of its inputs.
 */
import type { Diagnostic, Severity } from "../diagnostic.js";
import type { Span } from "../span.js";
import { CATALOG, shownExample } from "../catalog/index.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export interface SarifOptions {
  readonly toolVersion: string;
  /** Where each code's documentation lives, e.g. a URL to docs/diagnostics.md. */
  readonly helpUri?: (code: string) => string;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function relativeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function region(span: Span): Record<string, number> {
  return {
    startLine: span.start.line,
    startColumn: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    charOffset: span.start.offset,
    charLength: Math.max(0, span.end.offset - span.start.offset),
  };
}

function physicalLocation(span: Span): Record<string, unknown> {
  return { artifactLocation: { uri: relativeUri(span.file), uriBaseId: "%SRCROOT%" }, region: region(span) };
}

function messageText(d: Diagnostic): string {
  const parts = [d.message];
  if (d.help) parts.push(`Help: ${d.help}`);
  if (d.witness !== undefined) parts.push(`Witness: ${JSON.stringify(d.witness)}`);
  return parts.join("\n");
}

export function renderSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const ruleIndex = new Map(CATALOG.map((entry, index) => [entry.code, index]));
  const rules = CATALOG.map((entry) => {
    // A size limit's example is megabytes long; the rule shows its start, as docs/diagnostics.md does.
    const example = shownExample(entry.example);
    const note = example.note === undefined ? "" : `\n\n${example.note}`;
    const rule: Record<string, unknown> = {
      id: entry.code,
      name: entry.name,
      shortDescription: { text: entry.summary },
      fullDescription: { text: `${entry.summary} (${entry.name})` },
      help: {
        text: `${entry.summary}\n\nMinimal example that triggers it:\n\n${example.code}${note}`,
        markdown: `${entry.summary}\n\nMinimal example that triggers it:\n\n\`\`\`scn\n${example.code}\n\`\`\`${note}`,
      },
      defaultConfiguration: { level: LEVEL[entry.severity] },
      properties: { tags: ["scn", entry.code.slice(0, 4) + "xxx"] },
    };
    if (options.helpUri) rule["helpUri"] = options.helpUri(entry.code);
    return rule;
  });
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [{ physicalLocation: physicalLocation(d.span) }],
    };
    const index = ruleIndex.get(d.code);
    if (index !== undefined) result["ruleIndex"] = index;
    if (d.related && d.related.length > 0) {
      result["relatedLocations"] = d.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r.span), message: { text: r.message } }));
    }
    if (d.witness !== undefined) result["properties"] = { witness: d.witness, ...(d.witnessFields === undefined ? {} : { witnessFields: d.witnessFields }) };
    return result;
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "scn", version: options.toolVersion, semanticVersion: options.toolVersion, rules } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
