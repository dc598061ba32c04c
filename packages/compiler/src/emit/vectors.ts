/**
 * The `vectors` target (docs/bundle-format.md#conformance-vectors-vectorsjson): contexts with the answer every runtime
 * must give, `{ decision, context, expect: { rule, reason, output } }`,
 * and, when the program declares experiments, the exposure `experiment`
 * in every `expect`; vectors-format.ts writes them to the file.
 * They come from the program's `test` blocks (those whose own expectations
 * hold) and from the bundle's rows: one context reaching each row, and, for
 * each bound of a numeric test, the context of the first row testing it
 * moved onto and just past the bound (once per decision, path and value).
 *
 * Invariants: every expected answer is the reference interpreter's
 * (semantics/interpret.ts). The interpreter tries the scenarios in order
 * (passing over those an equality test on a keyed field rules out,
 * docs/analysis.md "How witnesses are built and verified"), so on a
 * large program (more than INTERPRETED_WORK vectors times scenarios) the
 * answers are the runtime's over the bundle instead: read off the row the
 * walk knows a point's context reaches where that is the runtime's answer
 * (row-answers.ts), and asked of the JSON runtime otherwise. A
 * deterministic sample of them (CHECKED_SAMPLE, fewer on programs whose
 * scenarios make each interpretation dear: see CHECKED_WORK) is checked
 * against the interpreter, a difference being a compiler bug that stops the build.
 * Contexts are plain JSON built with own properties only; the list is
 * deduplicated and its order depends only on the program and the bundle,
 * so the file is deterministic.
 */
import { isJsonObject } from "../semantics/json-object.js";
import type { CheckedExpectation, CheckedProgram, JsonValue as CheckedJson } from "@scn/language";
import { trustedDecisions, type Answer, type Bundle, type BundleDocument, type Column, type DecisionTable, type JsonValue, type Row, type UnaryTest } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";
import { ABSENT } from "../semantics/context-value.js";
import { bucketsAround, unitInArm } from "../semantics/experiments.js";
import { interpret } from "../semantics/interpret.js";
import { INDEXED_FROM, rowWitness } from "../boxes/row-witness.js";
import type { Probe } from "../boxes/test-algebra.js";
import { firstRowAt, reachesRow, testsOfRow } from "../optimize/index/first-row.js";
import type { ReachingPoints } from "../optimize/optimize.js";
import { RowAnswers } from "./row-answers.js";
import { define, VectorsWriter, type Expected, type Vector } from "./vectors-format.js";

export type { Vector } from "./vectors-format.js";

type JsonObject = { [key: string]: JsonValue };

/**
 * The file in the `scn.vectors/2` format (vectors-format.ts): each
 * decision's distinct answers once, and each vector as its answer's number
 * and the values of the decision's column paths over the background
 * context (docs/bundle-format.md, "Conformance vectors", gives the size rule).
 */
export function emitVectors(program: CheckedProgram, bundle: Bundle, document?: Omit<BundleDocument, "hash">, reaching?: Reaching): string {
  const paths = new Map<string, string[][]>();
  for (const [decision, table] of Object.entries(bundle.decisions)) {
    paths.set(decision, [...new Set((table as DecisionTable).columns.map((column) => column.path))].map((path) => path.split(".")));
  }
  const writer = new VectorsWriter(baselineValue(bundle.context) as JsonObject, paths);
  // Each vector goes to the writer as soon as it is answered, and only its short form stays (vectors-format.ts).
  eachVector(
    program,
    bundle,
    { ...(document === undefined ? {} : { document }), ...(reaching === undefined ? {} : { reaching }) },
    {
      // A context keyed by its short form is written as that form, and never made unless its answer needs it.
      visit: (found, expect) => (found.form === undefined ? writer.add({ decision: found.decision, context: found.context(), expect }) : writer.addForm(found.decision, expect, found.form)),
      visited: (i) => writer.vectorAt(i),
    },
    { contextKey: (decision, context) => writer.contextKey(decision, context), short: writer },
  );
  return writer.text();
}

/** Above this many vectors times scenarios, answers come from the runtime (see the header). */
const INTERPRETED_WORK = 2_000_000;
/** At most how many runtime answers are checked against the interpreter on a large program. */
const CHECKED_SAMPLE = 1_000;
/**
 * Scenarios the interpreter may try in that check, over all the answers it
 * checks: interpreting one context tries the scenarios in order, so a
 * sample of CHECKED_SAMPLE cost 3.6 s at 10,000 scenarios before the
 * interpreter passed over the scenarios an equality test rules out (the
 * bench's `overlap` 10,000 now tries a few per context; a program whose
 * situations test only numbers still tries them all). Past
 * CHECKED_WORK / CHECKED_SAMPLE scenarios the sample shrinks to fit, but
 * never below CHECKED_LEAST answers.
 */
const CHECKED_WORK = 2_000_000;
const CHECKED_LEAST = 100;

export interface VectorOptions {
  /** Most vectors times scenarios answered by the interpreter alone (default INTERPRETED_WORK). */
  readonly interpretedWork?: number;
  /**
   * The bundle as its file holds it (`bundleDocument(bundle)`), when the
   * build has made it: the runtime walks the encoded tables the JSON file
   * holds instead of encoding the rows again.
   */
  readonly document?: Omit<BundleDocument, "hash">;
  /**
   * For each decision, each row's candidate points from pruning
   * (`OptimizedDecision.reaching`): on tables of at least `reachingFrom`
   * rows (default INDEXED_FROM, where rowWitness would search an index of
   * the rows) the first candidate that reaches its row is the row's
   * witness, and only a row without one is searched for.
   */
  readonly reaching?: Reaching;
  readonly reachingFrom?: number;
}

/** Per decision, per row, candidate points reaching it (see VectorOptions). */
export type Reaching = ReadonlyMap<string, ReachingPoints | undefined>;

/** The vectors, in order (see the header). */
export function buildVectors(program: CheckedProgram, bundle: Bundle, options: VectorOptions = {}): Vector[] {
  const vectors: Vector[] = [];
  eachVector(program, bundle, options, { visit: (found, expect) => vectors.push({ decision: found.decision, context: found.context(), expect }), visited: (i) => vectors[i] as Vector }, CANONICAL_KEYS);
  return vectors;
}

/**
 * Where the vectors go: `visit` takes each as it is answered, and
 * `visited(i)` gives back the `i`th one visited, equal to it, for the
 * interpreter's check.
 */
interface VectorSink {
  visit(found: Found, expect: Expected): void;
  visited(i: number): Vector;
}

/** A context the walk found, before it is answered. */
interface Found {
  readonly decision: string;
  /** The context, made at the first call (the same object at every later one): most are never made (see eachVector). */
  context(): JsonObject;
  /** Its short form, when the keys found it without the context (ContextKeys.short). */
  readonly form: readonly JsonValue[] | undefined;
  /**
   * The runtime's answer read off the row the context reaches, where that
   * is the same answer (row-answers.ts), else undefined: asked only when the
   * runtime answers, so that the interpreter alone answers a short list.
   */
  known(): Expected | undefined;
}

/**
 * How the walk deduplicates its contexts: `contextKey` gives two contexts
 * of a decision the same text exactly when their canonical JSON is the
 * same (VectorsWriter's keys are its short forms, vectors-format.ts).
 */
interface ContextKeys {
  contextKey(decision: string, context: JsonObject): string;
  /**
   * The short form of the context contextOf makes from the columns' values
   * (`undefined` for absent), without making it, and its key: see
   * VectorsWriter.settingsForm and formKey. Keys without short forms leave
   * them out, and every context is made and keyed by contextKey.
   */
  readonly short?: {
    settingsForm(decision: string, columnPaths: readonly (readonly string[])[], values: readonly (JsonValue | undefined)[]): JsonValue[] | null;
    formKey(decision: string, form: readonly JsonValue[]): string;
  };
}

/** Keys that are the canonical JSON of the decision and the whole context, with no short forms. */
const CANONICAL_KEYS: ContextKeys = {
  contextKey: (decision, context) => canonicalJson({ decision, context }),
};

/**
 * Each vector of buildVectors, in the same order, handed to `visit` as soon
 * as it is answered. A context is answered the moment it is first found:
 * the list's order is the order in which contexts are first found, so a
 * later duplicate changes nothing already visited. Only the canonical text
 * that deduplicates the contexts stays for the whole walk, so no more than
 * one vector's context and answer are objects at a time, and no context is
 * written out and parsed back to be answered (docs/optimizer.md,
 * "Conformance witnesses").
 */
function eachVector(program: CheckedProgram, bundle: Bundle, options: VectorOptions, sink: VectorSink, keys: ContextKeys): void {
  // Each context's key (see ContextKeys), in the order found: the set is the deduplication.
  const found = new Set<string>();
  // Canonical, so that a context parsed from it has its keys in order
  // already, and writing it as canonical JSON (to deduplicate, and in the
  // file) skips sorting them.
  const baseline = canonicalJson(baselineValue(bundle.context));
  const answers = new Answers(program, bundle, options.interpretedWork ?? INTERPRETED_WORK, options.document, sink);
  const short = keys.short;
  // `context` must be the caller's to give away: the vector hands it on as it is.
  const add = (decision: string, context: JsonObject, known: () => Expected | undefined = UNKNOWN) => {
    const size = found.size;
    found.add(keys.contextKey(decision, context));
    if (found.size !== size) answers.take({ decision, context: () => context, form: undefined, known });
  };
  // The context of a point (a probe per column, see contextOf), keyed by its
  // short form where the keys can tell it without the context, and then
  // made only if its answer needs it: the runtime's answer is read off the
  // row the point reaches wherever that is the same answer (row-answers.ts),
  // which is every witness and bound of the benchmark's programs. `reaches`
  // is that row when the walk knows it already; otherwise the index is asked.
  const addPoint = (decision: string, table: DecisionTable, rows: readonly Row[], rowAnswers: RowAnswers | null, point: readonly Probe[], reaches?: number) => {
    const columns = table.columns;
    const values = pointValues(columns, point);
    const known =
      rowAnswers === null || values === null
        ? UNKNOWN
        : () => (rowAnswers.sameValues(values) ? rowAnswers.expected(reaches ?? firstRowAt(columns, rows, table.index, point)) : undefined);
    const form = values === null || short === undefined ? null : short.settingsForm(decision, pathKeysOf(columns), values);
    if (form === null || values === null || short === undefined) {
      add(decision, contextOf(baseline, columns, point), known);
      return;
    }
    const size = found.size;
    found.add(short.formKey(decision, form));
    if (found.size === size) return;
    let context: JsonObject | undefined;
    answers.take({ decision, context: () => (context ??= contextOfValues(baseline, columns, values)), form, known });
  };
  for (const test of program.tests) {
    const given = plainJson(test.given) as JsonObject;
    for (const decision of [...new Set(test.expectations.map((e) => e.decision))]) {
      if (!(decision in bundle.decisions)) continue;
      const answer = interpret(program, decision, given);
      const own = test.expectations.filter((e) => e.decision === decision);
      // A copy of its own for each decision, since every vector keeps its context.
      if (own.every((expectation) => expectationHolds(expectation, answer))) add(decision, plainJson(test.given) as JsonObject);
    }
  }
  // Each bound of a path is probed once per decision, from the first row
  // that tests it: rows repeat their scenario's situation, so probing it
  // again for every row multiplied the vectors without testing anything new.
  const probed = new Set<string>();
  for (const decision of Object.keys(bundle.decisions)) {
    const table = bundle.decisions[decision] as DecisionTable;
    // The witness search keeps an index of the rows' boxes for as long as
    // the rows array it was given lives (row-witness.ts). Given a copy that
    // lives only for this loop, that index is garbage once the decision's
    // witnesses are found, instead of staying alive beside the bundle for
    // the rest of the build (at 10,000 scenarios, during the answers and the
    // file's writing, where the build's memory peaks).
    const rows = table.rows.slice();
    const rowAnswers = RowAnswers.of(table, bundle.experiments !== undefined);
    // Per column, the tests whose bounds this decision has probed, by identity: see below.
    const testsProbed = table.columns.map(() => new Set<UnaryTest>());
    const carried = rows.length >= (options.reachingFrom ?? INDEXED_FROM) ? options.reaching?.get(decision) : undefined;
    const candidates = carried?.points;
    const exactBefore = carried?.exactBefore ?? 0;
    // A point pruning found reaches its row unless merging let an earlier
    // row with the same outcome take it: one walk of the index tells, and
    // the row is then known to be the one the index gives the point. Before
    // the first merged row no row has changed, so no walk is needed
    // (ReachingPoints.exactBefore): none of the benchmark's programs merges
    // a row, and at `wide` 10,000 these walks were 51,132 (1.25 million
    // node visits).
    const reached = (r: number): { readonly point: readonly Probe[]; readonly checked: boolean } | null => {
      // The point itself, not a copy: nothing changes a witness.
      for (const point of candidates?.[r] ?? []) if (r < exactBefore || reachesRow(table.columns, rows, table.index, point, r)) return { point, checked: true };
      const point = rowWitness(table.columns, rows, r);
      return point === null ? null : { point, checked: false };
    };
    // Only arm columns get experiment vectors, and only numeric columns have
    // bounds to probe: the loops below skip the others at once rather than
    // keying every test of every row (a fifth of the vectors' own time at
    // 10,000 scenarios).
    const hasArms = table.columns.some((column) => column.experiment !== undefined);
    rows.forEach((row, r) => {
      const reaching = reached(r);
      if (reaching === null) return;
      const witness = reaching.point;
      addPoint(decision, table, rows, rowAnswers, witness, reaching.checked ? r : undefined);
      // Once per arm column and decision, from the first row that tests it.
      if (hasArms) for (const key of Object.keys(row.tests)) {
        const column = table.columns[Number(key)] as Column;
        if (column.experiment === undefined || probed.has(`${decision}\u0000@${column.experiment.name}`)) continue;
        probed.add(`${decision}\u0000@${column.experiment.name}`);
        experimentVectors(baseline, table, witness, (context) => add(decision, context));
      }
      // The row's tests as the witness check read them (first-row.ts), rather than listed again.
      const { columns: tested, tests } = testsOfRow(rows, r);
      for (let t = 0; t < tested.length; t++) {
        const column = table.columns[tested[t] as number] as Column;
        if (column.type !== "int" && column.type !== "number") continue;
        const test = tests[t] as UnaryTest;
        // A test object met again on the same column has had all its bounds
        // probed the first time. An equal test that is another object gives
        // the same bounds, which `probed` then passes over: keying the tests
        // by their JSON instead, to skip those too, cost more than it saved
        // (a fifth of the walk's own time at 10,000 scenarios), since
        // lowering gives equal tests one object.
        const seen = testsProbed[tested[t] as number] as Set<UnaryTest>;
        if (seen.has(test)) continue;
        seen.add(test);
        for (const value of boundaryValues(column, test)) {
          const bound = `${decision}\u0000${column.path}\u0000${value}`;
          if (probed.has(bound)) continue;
          probed.add(bound);
          // Columns that read the same path move together: they are one value.
          const moved = witness.map((probe, c) => (table.columns[c]?.path === column.path ? value : probe));
          addPoint(decision, table, rows, rowAnswers, moved);
        }
      }
    });
  }
  answers.finish(found.size, (i) => sink.visited(i));
}

/** Found.known of a context whose answer cannot be read off a row. */
const UNKNOWN = (): undefined => undefined;

/**
 * The answers of the contexts, in the order they are found (see the
 * header for which answers the interpreter gives and which the runtime).
 * Whether the list is past INTERPRETED_WORK is known only once enough
 * contexts are found: until then they wait here, at most
 * INTERPRETED_WORK / scenarios of them, and are answered by the runtime
 * once the list passes it, or by the interpreter at `finish` if it never
 * does; every later context is answered by the runtime at once.
 */
class Answers {
  /** The contexts found and not answered yet, while the interpreter may still answer them all. */
  private waiting: Found[] = [];
  private count = 0;
  /** Whether the runtime answers (the list is past INTERPRETED_WORK). */
  private runtime = false;
  /** The runtime's decide, prepared when a context first needs it: most answers are read off their rows (Found.known). */
  private decider: ((decision: string, context: JsonObject) => Answer) | null = null;
  /** Only bundles with experiments expect the exposure, so every other vectors file keeps its bytes. */
  private readonly withExposure: boolean;
  private readonly scenarios: number;

  constructor(
    private readonly program: CheckedProgram,
    private readonly bundle: Bundle,
    private readonly interpretedWork: number,
    private readonly document: Omit<BundleDocument, "hash"> | undefined,
    private readonly sink: VectorSink,
  ) {
    this.withExposure = bundle.experiments !== undefined;
    this.scenarios = Math.max(1, program.scenarios.length);
  }

  take(found: Found): void {
    this.count++;
    if (this.runtime) {
      this.sink.visit(found, this.answer(found));
      return;
    }
    this.waiting.push(found);
    if (this.count * this.scenarios <= this.interpretedWork) return;
    this.runtime = true;
    const waiting = this.waiting;
    this.waiting = [];
    for (const context of waiting) this.sink.visit(context, this.answer(context));
  }

  /** The runtime's answer: read off the context's row where that is the same answer (Found.known), else the runtime's decide. */
  private answer(found: Found): Expected {
    return found.known() ?? this.expected(this.decide()(found.decision, found.context()));
  }

  private decide(): (decision: string, context: JsonObject) => Answer {
    if (this.decider === null) {
      // The bundle was built a moment ago from these very objects: the runtime
      // prepares its decisions as loadBundle would, without reading it back
      // through JSON and its checks (the interpreter still checks a sample).
      // The file's encoding, which the walker reads as it is, as loadBundle and the module give it.
      const document = this.document;
      this.decider = trustedDecisions(this.bundle, (name) => document?.decisions[name]?.table);
    }
    return this.decider;
  }

  /**
   * Answers what still waits (by the interpreter), or checks a sample of
   * the runtime's answers against the interpreter: evenly spread over the
   * `count` vectors visited, so that every part of every table is sampled,
   * each as `visited` gives it back (for the file, as the writer keeps it:
   * the answer checked is the one the file holds, rather than one the
   * runtime gives again for a context made again from its key).
   */
  finish(count: number, visited: (i: number) => Vector): void {
    if (!this.runtime) {
      for (const found of this.waiting) this.sink.visit(found, this.expected(interpret(this.program, found.decision, found.context())));
      this.waiting = [];
      return;
    }
    const sample = Math.max(CHECKED_LEAST, Math.min(CHECKED_SAMPLE, Math.floor(CHECKED_WORK / this.scenarios)));
    const step = Math.max(1, Math.floor(count / sample));
    for (let i = 0; i < count; i += step) checkAnswer(this.program, visited(i), this.withExposure);
  }

  private expected(answer: Answer): Expected {
    return { rule: answer.rule, reason: answer.reason, output: answer.output, ...(this.withExposure ? { experiment: answer.experiment } : {}) };
  }
}

/** Throws when the reference interpreter answers a vector's context otherwise than the runtime did: a compiler bug that stops the build. */
function checkAnswer(program: CheckedProgram, { decision, context, expect }: Vector, withExposure: boolean): void {
  const answer = interpret(program, decision, context);
  const sameExposure = !withExposure || canonicalJson(answer.experiment) === canonicalJson(expect.experiment ?? null);
  if (answer.rule !== expect.rule || answer.reason !== expect.reason || canonicalJson(answer.output) !== canonicalJson(expect.output) || !sameExposure) {
    throw new Error(`internal: the runtime answers ${canonicalJson(context)} for \`${decision}\` with ${String(expect.rule)}, the interpreter with ${String(answer.rule)}`);
  }
}

function expectationHolds(expectation: CheckedExpectation, answer: Answer): boolean {
  switch (expectation.kind) {
    case "rule":
      return answer.rule === expectation.rule;
    case "default":
      return answer.reason === "default";
    case "none":
      return answer.reason === "none";
    case "output":
      return answer.output !== null && partialMatch(expectation.output, answer.output);
    case "arm":
      return (answer.experiment?.arm ?? null) === expectation.arm;
  }
}

/** Whether every field of `expected` is in `actual` with an equal value (records compared field by field). */
function partialMatch(expected: CheckedJson, actual: JsonValue | undefined): boolean {
  if (typeof expected === "object" && expected !== null && !Array.isArray(expected)) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const record = expected as { readonly [key: string]: CheckedJson };
    return Object.keys(record).every(
      (key) => Object.prototype.hasOwnProperty.call(actual, key) && partialMatch(record[key] as CheckedJson, (actual as JsonObject)[key]),
    );
  }
  return canonicalJson(expected) === canonicalJson(actual ?? null);
}

/**
 * The values at and just beyond each bound of a numeric test: lo-1, lo, hi,
 * hi+1 on an `int` column; on a `number` column the step is a millionth of
 * the bound's size (at least 1e-6).
 */
function boundaryValues(column: Column, test: UnaryTest): number[] {
  if (column.type !== "int" && column.type !== "number") return [];
  const bounds =
    "range" in test
      ? test.range.flatMap(([lo, hi]) => [lo, hi]).filter((b): b is number => b !== null)
      : "eq" in test || "in" in test || "notIn" in test
        ? ("eq" in test ? [test.eq] : "in" in test ? test.in : test.notIn).filter((v): v is number => typeof v === "number")
        : [];
  const values = bounds.flatMap((b) => {
    if (column.type === "int") return [Math.ceil(b) - 1, Math.floor(b), Math.ceil(b), Math.floor(b) + 1];
    const step = 1e-6 * Math.max(1, Math.abs(b));
    return [b - step, b, b + step];
  });
  return [...new Set(values)].filter(Number.isFinite);
}

/** A context: the baseline with each column's witness value written at its path (absent ones removed). */
function contextOf(baseline: string, columns: readonly Column[], values: readonly Probe[]): JsonObject {
  // A fresh parse of the baseline's text is its deep copy (JSON.parse makes
  // every key, `__proto__` too, an own data property), and cheaper than
  // copying it key by key for each of the hundreds of thousands of contexts
  // a 10,000-scenario program gets (docs/benchmarks.md, "Index building and vectors").
  const context = JSON.parse(baseline) as JsonObject;
  const keys = pathKeysOf(columns);
  for (let c = 0; c < columns.length; c++) setPath(context, keys[c] as readonly string[], unitOf(columns[c] as Column, values[c] as Probe));
  return context;
}

/**
 * What contextOf writes at each column's path: the column's value as JSON
 * (an arm as a unit in it), `undefined` where it removes the path; null when
 * a probe is missing, which contextOf writes as a property holding
 * `undefined` (the context is then made and keyed whole).
 */
function pointValues(columns: readonly Column[], point: readonly Probe[]): (JsonValue | undefined)[] | null {
  const values = new Array<JsonValue | undefined>(columns.length);
  for (let c = 0; c < columns.length; c++) {
    const probe = point[c];
    if (probe === undefined) return null;
    const value = unitOf(columns[c] as Column, probe);
    values[c] = value === ABSENT ? undefined : plainJson(value as CheckedJson);
  }
  return values;
}

/**
 * contextOf's context from pointValues' values: the values themselves are
 * set (the writer keeps them as the short form, and neither the runtime nor
 * the interpreter changes a context).
 */
function contextOfValues(baseline: string, columns: readonly Column[], values: readonly (JsonValue | undefined)[]): JsonObject {
  const context = JSON.parse(baseline) as JsonObject;
  const keys = pathKeysOf(columns);
  for (let c = 0; c < columns.length; c++) setJson(context, keys[c] as readonly string[], values[c], values[c] === undefined);
  return context;
}

/** Each column's path as its keys, split once per table rather than once per context. */
const pathKeys = new WeakMap<readonly Column[], readonly (readonly string[])[]>();

function pathKeysOf(columns: readonly Column[]): readonly (readonly string[])[] {
  let keys = pathKeys.get(columns);
  if (keys === undefined) pathKeys.set(columns, (keys = columns.map((column) => column.path.split("."))));
  return keys;
}

/**
 * An arm column's witness value is an arm; the context needs a unit the
 * column assigns to it (docs/experiments.md#assignment). Absent stays absent:
 * a unit that is not enrolled.
 */
function unitOf(column: Column, value: Probe): Probe {
  if (column.experiment === undefined || value === ABSENT) return value;
  const arm = (column.values ?? []).indexOf(value as string);
  return arm < 0 ? ABSENT : (unitInArm(column.experiment, arm) ?? ABSENT);
}

/**
 * For every arm column: a unit in each arm, one whose bucket is exactly the
 * start of each arm's range (a boundary unit, where a mistake in the range
 * arithmetic would show), and the values that enroll nobody (the empty string,
 * or the int 0, and an absent unit).
 */
function experimentVectors(baseline: string, table: DecisionTable, witness: readonly Probe[], add: (context: JsonObject) => void): void {
  table.columns.forEach((column, c) => {
    if (column.experiment === undefined) return;
    const experiment = column.experiment;
    const with_ = (unit: Probe) => {
      const context = contextOf(baseline, table.columns, witness.map((probe, k) => (k === c ? ABSENT : probe)));
      setPath(context, pathKeysOf(table.columns)[c] as readonly string[], unit);
      add(context);
    };
    experiment.ranges.forEach(([start, end], arm) => {
      const inside = unitInArm(experiment, arm);
      if (inside !== null) with_(inside);
      if (end > start) {
        for (const bucket of bucketsAround(start)) {
          const boundary = unitInArm(experiment, arm, bucket);
          if (boundary !== null) with_(boundary);
        }
      }
    });
    with_(experiment.unit === "int" ? 0 : "");
    with_(ABSENT);
  });
}

function setPath(target: JsonObject, keys: readonly string[], value: Probe): void {
  if (value === ABSENT) setJson(target, keys, undefined, true);
  else setJson(target, keys, plainJson(value as CheckedJson), false);
}

/** setPath of a value made JSON already: `remove` removes the path (creating no record on the way), otherwise `value` is set there as it is. */
function setJson(target: JsonObject, keys: readonly string[], value: JsonValue | undefined, remove: boolean): void {
  if (keys.length === 0) return;
  let record = target;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k] as string;
    let next = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    if (typeof next !== "object" || next === null || Array.isArray(next)) {
      if (remove) return;
      next = {};
      define(record, key, next);
    }
    record = next as JsonObject;
  }
  const last = keys[keys.length - 1] as string;
  if (remove) delete record[last];
  else define(record, last, value as JsonValue);
}

/** A deep, mutable copy of a JSON value, with own properties only. */
function plainJson(value: CheckedJson): JsonValue {
  if (Array.isArray(value)) return value.map((v: CheckedJson) => plainJson(v));
  if (typeof value === "object" && value !== null) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) define(copy, key, plainJson((value as { readonly [k: string]: CheckedJson })[key] as CheckedJson));
    return copy;
  }
  return value;
}

/**
 * A valid value for a context schema, used as the background of generated
 * contexts so that they also satisfy the schema where the witness allows:
 * every required field filled with its smallest value (the minimum, false,
 * "", the first enum member, an empty list).
 */
function baselineValue(schema: JsonValue): JsonValue {
  if (!isJsonObject(schema)) return null;
  const types = Array.isArray(schema["type"]) ? schema["type"] : [schema["type"]];
  const type = types.find((t) => t !== "null");
  const members = schema["enum"];
  if (Array.isArray(members)) return members.find((m) => m !== null) ?? null;
  // An `int` with no declared range is bounded only by ±(2^53 - 1); its baseline is 0.
  const minimum = typeof schema["minimum"] === "number" && schema["minimum"] > -Number.MAX_SAFE_INTEGER ? schema["minimum"] : 0;
  switch (type) {
    case "boolean":
      return false;
    case "integer":
    case "number":
      return minimum;
    case "string":
      return "";
    case "array":
      return [];
    case "object": {
      const properties = (schema["properties"] ?? {}) as JsonObject;
      const required = (Array.isArray(schema["required"]) ? schema["required"] : []) as string[];
      const record: JsonObject = {};
      for (const key of required) define(record, key, baselineValue(properties[key] ?? null));
      return record;
    }
    default:
      return null;
  }
}
