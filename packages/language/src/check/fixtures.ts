/**
 * Fixtures (docs/language.md#99-fixture-named-test-contexts): named test
 * contexts that a test's `given` — or another fixture — extends.
 *
 * Each layer is checked against the context schema where it is written (its
 * own record, as a partial context), so every error points at the text that
 * caused it and a fixture's mistakes are reported once, not once per test
 * that uses it. The layers are then merged as JSON by `mergeContexts`.
 *
 * Invariants:
 * - `resolve` never recurses through `extends`: it walks the chain with an
 *   explicit stack, so a long chain cannot overflow, and a cycle is reported
 *   once, at the fixture whose `extends` closes it.
 * - A fixture's own record is checked exactly once, even when the fixture is
 *   also checked as a duplicate or reached from several tests.
 */
import type { FixtureDeclaration, Identifier, RecordLiteral } from "../ast.js";
import type { JsonObject, JsonValue } from "../checked.js";
import type { SymbolTable } from "./declarations.js";
import { closestName } from "./suggest.js";
import type { Usage } from "./usage.js";
import { checkAssignments, type ValueEnvironment } from "./values.js";

/**
 * Deep merge of test contexts: `override` over `base`. Records merge field
 * by field, recursively; any other value (a scalar, a list) replaces the
 * base's; `null` removes the field, so that a test can make a field the
 * fixture sets absent again. Neither argument is changed.
 */
export function mergeContexts(base: JsonObject, override: JsonObject): JsonObject {
  const merged = new Map<string, JsonValue>(Object.entries(base));
  for (const [field, value] of Object.entries(override)) {
    const below = merged.get(field);
    if (value === null) merged.delete(field);
    else if (isRecord(value) && below !== undefined && isRecord(below)) merged.set(field, mergeContexts(below, value));
    else merged.set(field, stripNulls(value));
  }
  // Built from entries so that a field named `__proto__` stays a plain own property.
  return Object.fromEntries(merged);
}

function isRecord(value: JsonValue): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record written where the base has none: its `null` fields have nothing to remove. */
function stripNulls(value: JsonValue): JsonValue {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([field, inner]) => (inner === null ? [] : [[field, stripNulls(inner)]])));
}

export interface FixtureEnvironment extends ValueEnvironment {
  readonly symbols: SymbolTable;
  readonly usage: Usage;
}

export class FixtureTable {
  /** Each fixture's own record, checked, by declaration. */
  private readonly own = new Map<FixtureDeclaration, JsonObject>();
  /** Each fixture's full context (its chain merged), by name; `undefined` when its chain is broken. */
  private readonly resolved = new Map<string, JsonObject | undefined>();

  constructor(private readonly env: FixtureEnvironment) {}

  /** Checks every fixture declaration, duplicates included, and resolves each chain once. */
  checkAll(): void {
    for (const declaration of this.env.symbols.all) {
      if (declaration.kind !== "FixtureDeclaration") continue;
      this.ownContext(declaration);
      if (this.env.symbols.fixtures.get(declaration.name.name) === declaration) this.resolve(declaration.name.name);
      else if (declaration.base) this.lookup(declaration.base);
    }
  }

  /**
   * The context a reference to a fixture stands for, or `undefined` when the
   * name is unknown (reported here, at `reference`) or its chain is broken
   * (reported at the fixture).
   */
  contextOf(reference: Identifier): JsonObject | undefined {
    const declaration = this.lookup(reference);
    return declaration ? this.resolve(declaration.name.name) : undefined;
  }

  /** Resolves a fixture name, recording the use; an unknown name is reported with the closest fixture. */
  private lookup(reference: Identifier): FixtureDeclaration | undefined {
    const { symbols, usage, reporter } = this.env;
    const found = symbols.fixtures.get(reference.name);
    if (found) {
      usage.fixtures.add(reference.name);
      return found;
    }
    const closest = closestName(reference.name, symbols.fixtures.keys());
    // The fixture the author most likely meant is not "unused": the real
    // mistake is this reference, and one message about it is enough.
    if (closest !== undefined) usage.fixtures.add(closest);
    const help = closest !== undefined
      ? `did you mean \`${closest}\`?`
      : symbols.fixtures.size > 0
        ? `use one of the fixtures: ${[...symbols.fixtures.keys()].map((name) => `\`${name}\``).join(", ")}`
        : "declare it: `fixture NAME { … }` holds a context that tests extend";
    reporter.report("unknown-fixture", reference.span, `there is no fixture named \`${reference.name}\``, { help });
    return undefined;
  }

  private ownContext(declaration: FixtureDeclaration): JsonObject {
    let value = this.own.get(declaration);
    if (!value) {
      value = checkRecordLayer(declaration.value, this.env);
      this.own.set(declaration, value);
    }
    return value;
  }

  /** Walks `name`'s `extends` chain down to its root, then merges it back up. */
  private resolve(name: string): JsonObject | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const chain: FixtureDeclaration[] = [];
    const onChain = new Set<string>();
    let current = this.env.symbols.fixtures.get(name);
    let broken = false;
    let start: JsonObject = {};
    while (current) {
      const currentName = current.name.name;
      if (onChain.has(currentName)) {
        this.reportCycle(chain, current);
        broken = true;
        break;
      }
      chain.push(current);
      onChain.add(currentName);
      if (!current.base) break;
      const base = this.lookup(current.base);
      if (!base) {
        broken = true;
        break;
      }
      if (this.resolved.has(base.name.name)) {
        const known = this.resolved.get(base.name.name);
        if (known === undefined) broken = true;
        else start = known;
        break;
      }
      current = base;
    }
    // Merge from the deepest fixture up, memoizing every fixture on the way.
    let context: JsonObject | undefined = broken ? undefined : start;
    for (const declaration of chain.reverse()) {
      const own = this.ownContext(declaration);
      context = context === undefined ? undefined : mergeContexts(context, own);
      this.resolved.set(declaration.name.name, context);
    }
    return this.resolved.get(name);
  }

  /** `chain` holds the fixtures walked so far; `repeated` is the first one met twice. */
  private reportCycle(chain: readonly FixtureDeclaration[], repeated: FixtureDeclaration): void {
    const from = chain.findIndex((declaration) => declaration === repeated);
    const cycle = chain.slice(from);
    const closing = cycle[cycle.length - 1] ?? repeated;
    const names = [...cycle.map((declaration) => declaration.name.name), repeated.name.name].join(" → ");
    this.env.reporter.report("fixture-cycle", (closing.base ?? closing.name).span, `the fixtures extend each other in a cycle: ${names}`, {
      related: cycle.filter((declaration) => declaration !== closing).map((declaration) => ({ span: (declaration.base ?? declaration.name).span, message: `\`${declaration.name.name}\` extends \`${declaration.base?.name ?? ""}\` here` })),
      help: "start one of them from a record of its own instead of `extends`",
    });
  }
}

/** A `given` or fixture record: a partial context, checked against the schema where it is written. */
export function checkRecordLayer(record: RecordLiteral, env: ValueEnvironment): JsonObject {
  return checkAssignments(record.entries, env.context.fields, { site: "given", prefix: "" }, env).value;
}
