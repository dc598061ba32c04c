/**
 * A store of each scenario's own findings between analyses of a program that
 * is being edited: the language server keeps one, so that an edit analyzes
 * again only the scenarios it changed (docs/editors.md#speed).
 *
 * A scenario's own findings are its gap (SCN3005) and its unreachable
 * pathways and variations (SCN3002, SCN3003). They are answered from the
 * scenario's own conditions, the consent gates, the valid contexts and the
 * decision's columns only (docs/analysis.md#the-findings), never from other
 * scenarios, so they are the same whenever those are. An entry is keyed by
 * all of them: the decision's part (context, consents, segments,
 * experiments, the decision, the column paths and list literals the
 * analysis found) and the scenario's checked form with its positions made
 * relative to the scenario's start, so that a scenario that only moved
 * (lines inserted above it) keeps its entry and its findings move with it.
 * Findings that compare scenarios (shadowing, ambiguity, fall-through) are
 * always computed afresh.
 *
 * Invariant: `findings` returns exactly what `compute` would return now;
 * a finding that points outside its scenario's file is never stored.
 */
import type { CheckedScenario, Diagnostic, Span } from "@scn/language";
import type { DecisionAnalysis } from "./decision-analysis.js";

/** Which of a scenario's own findings an entry holds. */
export type OwnFindingsKind = "gap" | "reachability";

interface Base {
  readonly file: string;
  readonly offset: number;
  readonly line: number;
}

interface Entry {
  /** The findings with offsets and lines relative to their scenario's start. */
  readonly findings: readonly Diagnostic[];
}

function isSpan(value: unknown): value is Span {
  return value !== null && typeof value === "object" && "file" in value && "start" in value && "end" in value;
}

/** JSON of a checked value with every span left out (they do not change any finding's content). */
function withoutSpans(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => (key === "span" ? undefined : item));
}

/**
 * A text of a scenario's checked form with each span as offsets and lines
 * relative to the scenario's start (columns as they are). Written by hand
 * rather than with a JSON replacer, which costs a call per value: the
 * server computes it for every scenario on every analysis.
 */
function relativeForm(scenario: CheckedScenario, base: Base): string {
  const parts: string[] = [];
  const write = (value: unknown): void => {
    if (value === null || typeof value !== "object") {
      parts.push(typeof value === "string" ? JSON.stringify(value) : String(value));
    } else if (Array.isArray(value)) {
      parts.push("[");
      for (const item of value) {
        write(item);
        parts.push(",");
      }
      parts.push("]");
    } else if (isSpan(value)) {
      const { start, end } = value;
      parts.push(`<${value.file === base.file ? "" : JSON.stringify(value.file)}${start.offset - base.offset}:${start.line - base.line}:${start.column}-${end.offset - base.offset}:${end.line - base.line}:${end.column}>`);
    } else {
      parts.push("{");
      for (const key in value) {
        parts.push(JSON.stringify(key), ":");
        write((value as Record<string, unknown>)[key]);
        parts.push(",");
      }
      parts.push("}");
    }
  };
  write(scenario);
  return parts.join("");
}

/** The span moved from one base to another; null when it lies in another file than the base. */
function moveSpan(span: Span, from: Base, to: Base): Span | null {
  if (span.file !== from.file) return null;
  return {
    file: to.file,
    start: { offset: span.start.offset - from.offset + to.offset, line: span.start.line - from.line + to.line, column: span.start.column },
    end: { offset: span.end.offset - from.offset + to.offset, line: span.end.line - from.line + to.line, column: span.end.column },
  };
}

/** The diagnostics moved from one base to another; null when one of their spans cannot move. */
function moveAll(diagnostics: readonly Diagnostic[], from: Base, to: Base): Diagnostic[] | null {
  const moved: Diagnostic[] = [];
  for (const d of diagnostics) {
    const span = moveSpan(d.span, from, to);
    if (span === null) return null;
    const related = d.related?.map((r) => ({ ...r, span: moveSpan(r.span, from, to) }));
    if (related?.some((r) => r.span === null)) return null;
    moved.push({ ...d, span, ...(related ? { related: related as { span: Span; message: string }[] } : {}) });
  }
  return moved;
}

/** How many decision keys an analysis that did not analyze them keeps entries for. */
const KEPT_UNTOUCHED = 16;

/** A name from `identify`, kept apart from checked forms. */
const named = (name: string | undefined): string | undefined => (name === undefined ? undefined : `name:${name}`);

const ORIGIN = (file: string): Base => ({ file, offset: 0, line: 0 });

/** Entries by the decision's key, then by kind and the scenario's relative form. */
type Entries = Map<string, Map<string, Entry>>;

function lookup(entries: Entries, outer: string, inner: string): Entry | undefined {
  return entries.get(outer)?.get(inner);
}

function remember(entries: Entries, outer: string, inner: string, entry: Entry): void {
  let byScenario = entries.get(outer);
  if (!byScenario) entries.set(outer, (byScenario = new Map()));
  byScenario.set(inner, entry);
}

export class ScenarioFindingsStore {
  private entries: Entries = new Map();
  private used: Entries = new Map();
  private decisionKeys = new WeakMap<DecisionAnalysis, string>();
  private scenarioKeys = new WeakMap<CheckedScenario, string>();
  private reused = 0;
  private computed = 0;

  /**
   * `identify`, when given, names a scenario more cheaply than its checked
   * form (the language server uses its source text): two scenarios given the
   * same name must have the same checked form up to position. Undefined
   * falls back to the checked form.
   */
  constructor(private readonly identify?: (scenario: CheckedScenario) => string | undefined) {}

  /** How many scenario findings analyses took from the store and computed so far (for tests and the benchmark). */
  get counts(): { readonly reused: number; readonly computed: number } {
    return { reused: this.reused, computed: this.computed };
  }

  /** The findings of `kind` for `scenario`, from the store when nothing they depend on changed, else from `compute`. */
  findings(kind: OwnFindingsKind, analysis: DecisionAnalysis, scenario: CheckedScenario, compute: () => Diagnostic[]): Diagnostic[] {
    const base: Base = { file: scenario.span.file, offset: scenario.span.start.offset, line: scenario.span.start.line };
    let form = this.scenarioKeys.get(scenario);
    if (form === undefined) this.scenarioKeys.set(scenario, (form = named(this.identify?.(scenario)) ?? `form:${relativeForm(scenario, base)}`));
    const outer = this.decisionKey(analysis);
    const inner = `${kind}\u0000${form}`;
    const entry = lookup(this.used, outer, inner) ?? lookup(this.entries, outer, inner);
    if (entry) {
      const moved = moveAll(entry.findings, ORIGIN(base.file), base);
      if (moved !== null) {
        remember(this.used, outer, inner, entry);
        this.reused += 1;
        return moved;
      }
    }
    const fresh = compute();
    this.computed += 1;
    const relative = moveAll(fresh, base, ORIGIN(base.file));
    if (relative !== null) remember(this.used, outer, inner, { findings: relative });
    return fresh;
  }

  /** What every finding of the decision depends on besides the scenario itself. */
  private decisionKey(analysis: DecisionAnalysis): string {
    let key = this.decisionKeys.get(analysis);
    if (key === undefined) {
      const { program, decision, columns } = analysis;
      key = withoutSpans({
        context: program.context,
        consents: program.consents,
        segments: program.segments,
        experiments: program.experiments ?? [],
        decision,
        columns: columns.paths,
        listLiterals: columns.listLiterals,
      });
      this.decisionKeys.set(analysis, key);
    }
    return key;
  }

  /**
   * Ends a complete analysis: in each decision it analyzed, entries it did
   * not use are forgotten, so the store holds the current findings, not
   * every version's. Decisions it did not analyze (a caller that kept their
   * findings whole, say) keep their entries, up to a few such decision
   * keys, the most recent ones. Call it only after an analysis ran to the
   * end (a cancelled one used only some).
   */
  sweep(): void {
    const untouched = [...this.entries].filter(([outer]) => !this.used.has(outer)).slice(-KEPT_UNTOUCHED);
    this.entries = new Map([...untouched, ...this.used]);
    this.used = new Map();
  }
}
