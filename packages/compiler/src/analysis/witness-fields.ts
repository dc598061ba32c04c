/**
 * The fields a finding depends on (docs/analysis.md#how-witnesses-are-built-and-verified): the context
 * paths that the conditions of the finding's decision read — situations,
 * pathway and variation conditions (segments inlined), the consent gates
 * and the units of the experiments its variations run. Every other field of
 * a witness only completes it into a valid context and can take any value
 * without changing the finding, so the witness lists these first, and
 * `scn check` shows only them unless asked for `--witness full`.
 */
import type { CheckedCondition, CheckedProgram } from "@scn/language";
import type { JsonValue } from "@scn/runtime";
import { setOwn } from "../contexts/context-shape.js";

function collect(condition: CheckedCondition | null, into: Set<string>): void {
  if (condition === null) return;
  const stack: CheckedCondition[] = [condition];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === "test") into.add(next.path);
    else if (next.kind === "and" || next.kind === "or") stack.push(...next.operands);
    else if (next.kind === "not") stack.push(next.operand);
  }
}

/** The paths the decision's rules read, in the order the context declares them. */
export function decisionFields(program: CheckedProgram, decision: string): string[] {
  const read = new Set<string>();
  const experiments = new Map((program.experiments ?? []).map((experiment) => [experiment.name, experiment.unit]));
  let personal = false;
  for (const scenario of program.scenarios) {
    if (scenario.decision !== decision) continue;
    collect(scenario.situation, read);
    for (const pathway of scenario.pathways) {
      collect(pathway.when, read);
      for (const variation of pathway.variations) {
        personal = true;
        collect(variation.condition, read);
        const unit = variation.split ? experiments.get(variation.split.experiment) : undefined;
        if (unit !== undefined) read.add(unit);
      }
    }
  }
  // Consent gates decide whether any variation applies at all.
  if (personal) for (const consent of program.consents) read.add(consent.path);
  const ordered: string[] = [];
  const visit = (fields: CheckedProgram["context"], prefix: string): void => {
    for (const field of fields) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      if (read.has(path)) ordered.push(path);
      if (field.type.kind === "record") visit(field.type.fields, path);
    }
  };
  visit(program.context, "");
  for (const path of read) if (!ordered.includes(path)) ordered.push(path);
  return ordered;
}

type Json = unknown;

/**
 * Which paths `orderWitness` puts first for `fields`: a path is relevant
 * when it is a field, lies on the way to one (the field starts with the
 * path and a dot) or lies inside one (the path starts with the field and a
 * dot). The fields and the prefixes before each of their dots are kept in
 * sets, found once per list of fields, so that a key's relevance is a few
 * lookups rather than a comparison with every field (each finding's
 * witness is reordered, on large programs thousands of them).
 */
interface RelevantPaths {
  readonly fields: ReadonlySet<string>;
  readonly onTheWay: ReadonlySet<string>;
}

const RELEVANT = new WeakMap<readonly string[], RelevantPaths>();

function relevantPaths(fields: readonly string[]): RelevantPaths {
  let known = RELEVANT.get(fields);
  if (known === undefined) {
    const onTheWay = new Set<string>();
    for (const field of fields) for (let i = field.indexOf("."); i >= 0; i = field.indexOf(".", i + 1)) onTheWay.add(field.slice(0, i));
    RELEVANT.set(fields, (known = { fields: new Set(fields), onTheWay }));
  }
  return known;
}

/** Whether `path` equals a field, is a field followed by a dot and more, or is followed by a dot and more in a field. */
function isRelevant(path: string, relevant: RelevantPaths): boolean {
  if (relevant.fields.has(path) || relevant.onTheWay.has(path)) return true;
  for (let i = path.indexOf("."); i >= 0; i = path.indexOf(".", i + 1)) if (relevant.fields.has(path.slice(0, i))) return true;
  return false;
}

/**
 * `witness` with the records along `fields` first: at every level, the keys
 * on the way to a field the finding depends on come before the others, each
 * group in its original order. The witness is the same context.
 */
export function orderWitness(witness: Json, fields: readonly string[]): Json {
  const relevant = relevantPaths(fields);
  const reorder = (value: Json, prefix: string): Json => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, Json>;
    const keys = Object.keys(record);
    // The record is built in two passes over its keys, the relevant ones
    // first, rather than from lists of entry pairs: every finding's witness
    // is reordered, thousands of them on a large program.
    const first = new Uint8Array(keys.length);
    const ordered: Record<string, JsonValue> = {};
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (!isRelevant(path, relevant)) continue;
      first[k] = 1;
      setOwn(ordered, key, reorder(record[key], path) as JsonValue);
    }
    for (let k = 0; k < keys.length; k++) {
      if (first[k] === 1) continue;
      const key = keys[k]!;
      setOwn(ordered, key, reorder(record[key], prefix === "" ? key : `${prefix}.${key}`) as JsonValue);
    }
    return ordered;
  };
  return reorder(witness, "");
}
