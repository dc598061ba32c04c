/**
 * The conformance vectors file, `scn.vectors/2` (docs/bundle-format.md#conformance-vectors-vectorsjson):
 * how a list of vectors is written and read back.
 *
 * Nearly every vector of a large program expects a different answer (one
 * vector reaches each row), and its context is the same background context
 * with the decision's column paths set to other values. So the file states
 * each decision's distinct answers once, in a table, and the background
 * context once; a vector is the number of its answer and the values of the
 * decision's paths, `null` where the path is absent (trailing absent paths
 * left out). A context that this
 * form cannot give exactly (a test block's context, a `null` in a context)
 * is written whole. At 1,000 scenarios of the benchmark's `overlap` program
 * this halves the file of the first format, an array of
 * `{decision, context, expect}`.
 *
 * Invariants: reading a written file gives back every vector, in the order
 * of its decision's vectors, with a context equal to the original (the
 * writer checks each short form by reading it back, and writes the context
 * whole otherwise); the bytes depend only on the vectors, the background
 * context and the paths, so the file is deterministic.
 */
import type { Answer, JsonValue } from "@scn/runtime";
import { canonicalJson } from "../bundle/canonical-json.js";

export const VECTORS_FORMAT = "scn.vectors/2";

type JsonObject = { [key: string]: JsonValue };

/** One conformance vector, as readers use it: a context and the answer `decide(decision, context)` must give. */
export interface Vector {
  readonly decision: string;
  readonly context: JsonObject;
  readonly expect: Expected;
}

export interface Expected {
  readonly rule: string | null;
  readonly reason: Answer["reason"];
  readonly output: Answer["output"];
  /** Present when the bundle declares experiments: the exposure the answer must carry. */
  readonly experiment?: Answer["experiment"];
}

/** A vector in the file: its answer's number, then the path values or `{ "context": … }`. */
type StoredVector = readonly [number, readonly JsonValue[] | { readonly context: JsonValue }];

interface StoredDecision {
  readonly answers: readonly Expected[];
  readonly paths: readonly (readonly string[])[];
  readonly vectors: readonly StoredVector[];
}

/**
 * The file's text. `base` is the background context; `paths` gives, per
 * decision, the context paths (as key lists) a short vector sets; a decision
 * with vectors but no entry in `paths` has every context written whole.
 * One answer and one vector per line, so the file diffs line by line.
 */
export function writeVectors(vectors: readonly Vector[], base: JsonObject, paths: ReadonlyMap<string, readonly (readonly string[])[]>): string {
  const writer = new VectorsWriter(base, paths);
  for (const vector of vectors) writer.add(vector);
  return writer.text();
}

/** The keys an answer may have (Expected), which answerText writes itself. */
const ANSWER_KEYS: ReadonlySet<string> = new Set(["experiment", "output", "reason", "rule"]);

/** What the writer keeps of one vector: its answer's number, and its path values or its whole context's text. */
interface Entry {
  readonly number: number;
  readonly values: readonly JsonValue[] | null;
  /** `{"context":…}` as canonical JSON, for a context the short form cannot give. */
  readonly whole: string | null;
}

/** One decision's distinct answers (as canonical JSON, numbered in order) and its vectors so far. */
interface DecisionEntries {
  readonly answers: string[];
  readonly answerNumbers: Map<string, number>;
  readonly entries: Entry[];
}

/**
 * writeVectors one vector at a time: `add` keeps only what the file needs
 * of a vector (its answer's number and its path values, or its context's
 * text when it must be written whole), so a caller that makes each vector
 * just before adding it never holds every context and answer as objects
 * at once, which at 10,000 scenarios was where the build's memory peaked
 * (docs/benchmarks.md, "Session 2026-12-03 night: index and vectors").
 * `text` gives the same bytes writeVectors gives for the same vectors.
 */
export class VectorsWriter {
  private readonly baseText: string;
  /** The background context, which readsBack changes and restores. */
  private readonly scratch: JsonObject;
  private readonly byDecision = new Map<string, DecisionEntries>();
  /** Frozen outputs' canonical text (see answerText). */
  private readonly outputTexts = new WeakMap<object, string>();
  /** Each context's short form (or null) as contextKey found it, for add. */
  private readonly shortForms = new WeakMap<object, JsonValue[] | null>();
  /** Each vector's entry and decision, in the order added (vectorAt). */
  private readonly added: Entry[] = [];
  private readonly addedDecisions: string[] = [];
  /** Per decision, the column paths settingsForm was last given and what they allow (see settingsSlots). */
  private readonly settings = new Map<string, { readonly columnPaths: readonly (readonly string[])[]; readonly slots: Int32Array | null }>();

  constructor(
    base: JsonObject,
    private readonly paths: ReadonlyMap<string, readonly (readonly string[])[]>,
  ) {
    this.baseText = canonicalJson(base);
    this.scratch = JSON.parse(this.baseText) as JsonObject;
  }

  /**
   * `form`, when given, is the context's short form as settingsForm gave it
   * (an array, never null): a context that settingsForm could key is added
   * without working out its short form again.
   */
  add(vector: Vector, form?: readonly JsonValue[]): void {
    const known = form ?? this.shortForms.get(vector.context);
    const values = known === undefined ? this.shortForm(vector.decision, vector.context) : known;
    this.push(vector.decision, vector.expect, values, values === null ? canonicalJson({ context: vector.context }) : null);
  }

  /**
   * `add` of a vector given by its short form (settingsForm's) instead of
   * its context, which the caller then need not make at all (vectors.ts
   * reads most answers off the rows their contexts reach).
   */
  addForm(decision: string, expect: Expected, form: readonly JsonValue[]): void {
    this.push(decision, expect, form, null);
  }

  /** Keeps a vector's entry: its answer's number, and its short form or, when that is null, its context's text `whole`. */
  private push(name: string, expect: Expected, values: readonly JsonValue[] | null, whole: string | null): void {
    let decision = this.byDecision.get(name);
    if (decision === undefined) this.byDecision.set(name, (decision = { answers: [], answerNumbers: new Map(), entries: [] }));
    const answerText = this.answerText(expect);
    let number = decision.answerNumbers.get(answerText);
    if (number === undefined) {
      number = decision.answers.length;
      decision.answerNumbers.set(answerText, number);
      decision.answers.push(answerText);
    }
    const entry: Entry = { number, values, whole };
    decision.entries.push(entry);
    this.added.push(entry);
    this.addedDecisions.push(name);
  }

  /**
   * A text that is the same for two contexts of a decision exactly when
   * their canonical JSON is: the canonical JSON of the context's short form
   * (its path values) when it has one, of the whole context otherwise. Two
   * contexts with short forms are equal exactly when their path values are,
   * since each is the background context with those values set, and a
   * context with a short form never equals one without. The short form is
   * kept (by the context's identity) for `add`, which would otherwise work
   * it out again. A build deduplicates its vectors by this key rather than
   * by the whole context's canonical JSON: most contexts gain keys the
   * background lacks, out of order, so that writing them sorted was most of
   * the deduplication's cost, and the set of keys stays alive for the whole
   * walk (docs/optimizer.md, "Conformance witnesses").
   */
  contextKey(decision: string, context: JsonObject): string {
    const values = this.shortForm(decision, context);
    this.shortForms.set(context, values);
    return `${JSON.stringify(decision)}\u0000${values === null ? `w${canonicalJson(context)}` : `s${canonicalJson(values)}`}`;
  }

  /**
   * The short form contextKey would find, without the context, of the
   * context made by settings: the background context with, column by column
   * in order, each column's value set at its path (`columnPaths[c]`), or the
   * path removed where the value is `undefined` (vectors.ts's contextOf). It
   * is the value the last column of each of the decision's paths sets
   * (`null` where absent), when the decision's paths make that certain
   * (settingsSlots) and every value reads back (not `null`, which the short
   * form cannot say, nor NaN, which is not equal to itself); null otherwise,
   * and then the context must be made and keyed by contextKey. Working the
   * short form out from the context, by reading each path and setting them
   * all again on the background to compare, was most of the keying's time
   * and half its allocation at 1,000 scenarios (docs/optimizer.md,
   * "Conformance witnesses").
   */
  settingsForm(decision: string, columnPaths: readonly (readonly string[])[], values: readonly (JsonValue | undefined)[]): JsonValue[] | null {
    let known = this.settings.get(decision);
    if (known === undefined || known.columnPaths !== columnPaths) this.settings.set(decision, (known = { columnPaths, slots: this.settingsSlots(decision, columnPaths) }));
    const slots = known.slots;
    if (slots === null || values.length !== slots.length) return null;
    const form = new Array<JsonValue>((this.paths.get(decision) ?? []).length).fill(null);
    // A later column on the same path overwrites an earlier one's value, as it does in the context.
    for (let c = 0; c < slots.length; c++) {
      const value = values[c];
      if (value === null || (typeof value === "number" && value !== value)) return null;
      form[slots[c] as number] = value === undefined ? null : value;
    }
    return form;
  }

  /** contextKey's text for a context whose short form is `form` (settingsForm's). */
  formKey(decision: string, form: readonly JsonValue[]): string {
    // A list of scalars (nearly every short form) is written by JSON.stringify at once, as canonicalJson writes it (-0 as 0).
    let scalars = true;
    for (let i = 0; i < form.length && scalars; i++) {
      const value = form[i];
      scalars = typeof value === "string" || typeof value === "boolean" || value === null || (typeof value === "number" && Number.isFinite(value));
    }
    return `${JSON.stringify(decision)}\u0000s${scalars ? JSON.stringify(form) : canonicalJson(form)}`;
  }

  /**
   * For each column, the position of its path among the decision's paths,
   * when setting the columns' values on the background context leaves at
   * each of those paths exactly the value last set there and changes nothing
   * else, so that reading the paths back gives that value and the
   * background with them set is the context: every path of the decision is
   * a column's, every column's path is one of them, has at least one key and
   * is no other's prefix (a value set at one would replace or be a record on
   * the way to another), and each record on the way to a path is in the
   * background already (setting a value would create it, and removing the
   * value then would leave it behind, empty). Null when the decision's
   * paths do not allow it.
   */
  private settingsSlots(decision: string, columnPaths: readonly (readonly string[])[]): Int32Array | null {
    const paths = this.paths.get(decision) ?? [];
    const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, k) => key === b[k]);
    const prefix = (a: readonly string[], b: readonly string[]): boolean => a.length < b.length && a.every((key, k) => key === b[k]);
    for (let p = 0; p < paths.length; p++) {
      const path = paths[p] as readonly string[];
      if (path.length === 0) return null;
      for (let q = 0; q < paths.length; q++) if (q !== p && (same(path, paths[q] as readonly string[]) || prefix(path, paths[q] as readonly string[]))) return null;
      // The background is only read here: scratch holds it between readsBack's calls.
      let record: JsonValue = this.scratch;
      for (let k = 0; k < path.length - 1; k++) {
        const key = path[k] as string;
        record = (Object.prototype.hasOwnProperty.call(record, key) ? (record as JsonObject)[key] : undefined) as JsonValue;
        if (!isObject(record)) return null;
      }
    }
    const slots = new Int32Array(columnPaths.length);
    const used = new Array<boolean>(paths.length).fill(false);
    for (let c = 0; c < columnPaths.length; c++) {
      const slot = paths.findIndex((path) => same(path, columnPaths[c] as readonly string[]));
      if (slot < 0) return null;
      slots[c] = slot;
      used[slot] = true;
    }
    return used.every(Boolean) ? slots : null;
  }

  /**
   * The `i`th vector added, as the file gives it back: its decision, its
   * context (keys in canonical order) and its expected answer, read from
   * what the writer keeps of it, so that the build checks the answer the
   * file holds (vectors.ts's sample) without keeping the vector.
   */
  vectorAt(i: number): Vector {
    const decision = this.addedDecisions[i] as string;
    const { number, values, whole } = this.added[i] as Entry;
    const expect = JSON.parse((this.byDecision.get(decision) as DecisionEntries).answers[number] as string) as Expected;
    if (values === null) return { decision, context: (JSON.parse(whole as string) as { context: JsonObject }).context, expect };
    const context = contextFrom(this.baseText, this.paths.get(decision) ?? [], values);
    return { decision, context: JSON.parse(canonicalJson(context)) as JsonObject, expect };
  }

  /** The context's path values when they and the background context give it back exactly (readsBack); null when it must be written whole. */
  private shortForm(decision: string, context: JsonObject): JsonValue[] | null {
    const columnPaths = this.paths.get(decision) ?? [];
    const values = columnPaths.map((path) => valueAt(context, path));
    return values.every((value) => value !== undefined) && this.readsBack(columnPaths, values as JsonValue[], context) ? (values as JsonValue[]) : null;
  }

  /**
   * `canonicalJson(expect)`, written key by key in canonical order
   * (`experiment`, `output`, `reason`, `rule`), with the text of a frozen
   * output kept by identity: the runtime's answers share their outcome's
   * frozen output, and sorting its keys again for every vector was most of
   * the writer's own time at 10,000 scenarios. An answer with any other key
   * is written by canonicalJson itself.
   */
  private answerText(expect: Expected): string {
    const keys = Object.keys(expect);
    for (let k = 0; k < keys.length; k++) if (!ANSWER_KEYS.has(keys[k] as string)) return canonicalJson(expect);
    let text = "";
    if (expect.experiment !== undefined) text += `,"experiment":${canonicalJson(expect.experiment)}`;
    if (expect.output !== undefined) text += `,"output":${this.outputText(expect.output)}`;
    if (expect.reason !== undefined) text += `,"reason":${canonicalJson(expect.reason)}`;
    if (expect.rule !== undefined) text += `,"rule":${canonicalJson(expect.rule)}`;
    return `{${text.slice(1)}}`;
  }

  private outputText(output: JsonValue): string {
    if (typeof output !== "object" || output === null || !Object.isFrozen(output)) return canonicalJson(output);
    let text = this.outputTexts.get(output);
    if (text === undefined) this.outputTexts.set(output, (text = canonicalJson(output)));
    return text;
  }

  /**
   * Whether the short form reads back as `context`: sameJson of
   * contextFrom's result and the context. contextFrom's result is made on
   * one copy of the background context, kept for the writer's life, and
   * undone after the comparison, rather than on a fresh parse of the
   * background for every vector.
   */
  private readsBack(paths: readonly (readonly string[])[], values: readonly JsonValue[], context: JsonObject): boolean {
    const undo: Undo[] = [];
    paths.forEach((path, i) => setAt(this.scratch, path, values[i] ?? null, undo));
    const same = sameJson(this.scratch, context);
    for (let u = undo.length - 1; u >= 0; u--) {
      const { record, key, had, value } = undo[u] as Undo;
      if (had) define(record, key, value as JsonValue);
      else delete record[key];
    }
    return same;
  }

  text(): string {
    const decisions = [...this.byDecision.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((decision) => {
      const columnPaths = this.paths.get(decision) ?? [];
      const { answers, entries } = this.byDecision.get(decision) as DecisionEntries;
      // The paths most vectors set come first, so that more lists end in absent paths, which are left out.
      const present = new Array<number>(columnPaths.length).fill(0);
      for (const { values } of entries) if (values !== null) for (let p = 0; p < present.length; p++) if (values[p] !== null) present[p] = (present[p] as number) + 1;
      const order = columnPaths.map((_, p) => p).sort((a, b) => (present[b] as number) - (present[a] as number) || a - b);
      const own = order.map((p) => columnPaths[p] as readonly string[]);
      return `${JSON.stringify(decision)}:{\n"answers":[\n${answers.join(",\n")}\n],\n"paths":${canonicalJson(own)},\n"vectors":[\n${vectorLines(entries, order)}\n]}`;
    });
    return `{"base":${this.baseText},\n"decisions":{\n${decisions.join(",\n")}\n},\n"format":${JSON.stringify(VECTORS_FORMAT)}}\n`;
  }
}

/**
 * A decision's vectors, one line each: `[number,values]` with the values in
 * `order` and the trailing absent (null) ones left out, or `[number,whole]`.
 * Written value by value into one string, which is the canonical JSON of the
 * list canonicalJson would write for it, rather than by a copy
 * of each entry's values reordered, cut and written by canonicalJson: that
 * was a third of the file's writing at 1,000 scenarios.
 */
function vectorLines(entries: readonly Entry[], order: readonly number[]): string {
  let text = "";
  for (let e = 0; e < entries.length; e++) {
    const { number, values, whole } = entries[e] as Entry;
    text += e === 0 ? `[${number},` : `,\n[${number},`;
    if (values === null) {
      text += `${whole as string}]`;
      continue;
    }
    let end = order.length;
    while (end > 0 && values[order[end - 1] as number] === null) end--;
    const line = new Array<JsonValue>(end);
    let plain = true;
    for (let i = 0; i < end; i++) {
      const value = values[order[i] as number] as JsonValue;
      line[i] = value;
      if (plain && !isPlainValue(value)) plain = false;
    }
    // A line of scalars and lists of scalars (every line of the benchmark's
    // programs) is written by one JSON.stringify, which writes it as
    // canonicalJson does; a canonicalJson call and a concatenation per value
    // were a seventh of what writing the vectors allocated at 10,000 scenarios.
    if (plain) {
      text += `${JSON.stringify(line)}]`;
      continue;
    }
    text += "[";
    for (let i = 0; i < end; i++) text += (i === 0 ? "" : ",") + canonicalJson(line[i] as JsonValue);
    text += "]]";
  }
  return text;
}

/**
 * Whether JSON.stringify writes `value` as canonicalJson does: a string, a
 * boolean, null, a finite number (both write -0 as 0), or a list of those
 * without holes. Anything else (a record, whose keys canonicalJson sorts,
 * or what canonicalJson refuses) is left to canonicalJson.
 */
function isPlainValue(value: JsonValue): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || Array.isArray(value[i]) || !isPlainValue(value[i] as JsonValue)) return false;
    return true;
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    default:
      return value === null;
  }
}

/**
 * Every vector of a parsed `scn.vectors/2` file, decisions in the file's
 * order. Throws on anything else (another format, a malformed file), since
 * a runtime cannot be checked against vectors it cannot read.
 */
export function readVectors(file: unknown): Vector[] {
  if (!isObject(file) || file["format"] !== VECTORS_FORMAT) {
    throw new Error(`not a ${VECTORS_FORMAT} vectors file${isObject(file) && typeof file["format"] === "string" ? ` (format ${file["format"]})` : ""}; rebuild it with this scn`);
  }
  const base = file["base"];
  const decisions = file["decisions"];
  if (!isObject(base) || !isObject(decisions)) throw new Error("malformed vectors file: `base` and `decisions` must be objects");
  const baseText = JSON.stringify(base);
  const vectors: Vector[] = [];
  for (const decision of Object.keys(decisions)) {
    const stored = decisions[decision] as unknown as StoredDecision;
    if (!isObject(stored) || !Array.isArray(stored.answers) || !Array.isArray(stored.paths) || !Array.isArray(stored.vectors)) {
      throw new Error(`malformed vectors file: decision \`${decision}\` needs \`answers\`, \`paths\` and \`vectors\` lists`);
    }
    stored.vectors.forEach((entry, i) => {
      const answer = Array.isArray(entry) ? stored.answers[entry[0] as number] : undefined;
      const given = Array.isArray(entry) ? entry[1] : undefined;
      if (answer === undefined || given === undefined) throw new Error(`malformed vectors file: vector ${i} of \`${decision}\` names no answer`);
      const context = Array.isArray(given) ? contextFrom(baseText, stored.paths, given) : (given as { context: JsonValue }).context;
      vectors.push({ decision, context: context as JsonObject, expect: answer });
    });
  }
  return vectors;
}

/**
 * The context of a short vector: a copy of the background context with
 * each path set to its value (intermediate records created as needed), or
 * removed where the value is `null`.
 */
function contextFrom(baseText: string, paths: readonly (readonly string[])[], values: readonly JsonValue[]): JsonObject {
  const context = JSON.parse(baseText) as JsonObject;
  paths.forEach((path, i) => setAt(context, path, values[i] ?? null));
  return context;
}

/** A property as it was before setAt changed it: whether `record` had `key` as an own property, and its value then. */
interface Undo {
  readonly record: JsonObject;
  readonly key: string;
  readonly had: boolean;
  readonly value: JsonValue | undefined;
}

/** Sets the value at `path` (removes it when `value` is null); with `undo`, records each property it changes there first. */
function setAt(target: JsonObject, path: readonly string[], value: JsonValue, undo?: Undo[]): void {
  const change = (record: JsonObject, key: string): void => {
    const had = Object.prototype.hasOwnProperty.call(record, key);
    undo?.push({ record, key, had, value: had ? record[key] : undefined });
  };
  let record = target;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k] as string;
    let next = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    if (!isObject(next)) {
      if (value === null) return;
      next = {};
      change(record, key);
      define(record, key, next);
    }
    record = next as JsonObject;
  }
  const last = path[path.length - 1] as string;
  change(record, last);
  if (value === null) delete record[last];
  else define(record, last, value);
}

/**
 * The value at a path of a context for its short form: `null` when the path
 * is absent, `undefined` when the context holds `null` there (which the
 * short form cannot say, so the context is written whole).
 */
function valueAt(context: JsonValue, path: readonly string[]): JsonValue | undefined {
  let value: JsonValue = context;
  for (const key of path) {
    if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return null;
    value = value[key] as JsonValue;
  }
  return value === null ? undefined : value;
}

/**
 * Whether two JSON values have the same canonical JSON (canonical-json.ts),
 * compared in place: the writer asks this once per vector, and writing both
 * contexts out with their keys sorted was half the cost of the file at
 * 1,000 scenarios (docs/benchmarks.md, "Index building and vectors"). As
 * there, a property set to `undefined` counts as absent and `-0` equals `0`.
 */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as { readonly [key: string]: JsonValue | undefined };
  const y = b as { readonly [key: string]: JsonValue | undefined };
  let defined = 0;
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !sameJson(value, y[key])) return false;
  }
  const keys = Object.keys(y);
  for (const key of keys) if (y[key] === undefined) defined++;
  return defined === keys.length;
}

/**
 * Sets an own data property, so a key such as `__proto__` stays an ordinary
 * key. Only that key needs defineProperty: the records changed here and in
 * vectors.ts are plain (JSON.parse results and object literals), where any
 * other assignment makes or changes an own data property, several times
 * cheaper; readsBack sets and restores every path of every vector.
 */
export function define(target: JsonObject, key: string, value: JsonValue): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
