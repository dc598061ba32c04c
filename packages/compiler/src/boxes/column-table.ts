/**
 * The columns of one decision during lowering, pruning and analysis: one per
 * context path that a condition or a consent gate reads, numbered in order of
 * first use, with the domain the box algebra needs.
 *
 * Invariant: a path has exactly one column index, and indices never change
 * once given, so boxes built at different times stay comparable. (A bundle
 * may spread one list path over several columns, one per element literal;
 * here it is always one column.)
 */
import type { CheckedProgram, CheckedType } from "@scn/language";
import type { Column } from "@scn/runtime";
import { columnDomain, type ColumnDomain, type Scalar } from "./cell.js";
import { requireField } from "../semantics/context-paths.js";
import { experimentRanges } from "../semantics/experiments.js";

/**
 * The column of an experiment's arm while lowering and analysing: a path no
 * context field can have (`@` never starts a name), so it gets its own column,
 * an enum of the arms that is absent when the unit is not enrolled. The
 * bundle writes it as a computed column on the unit's path (lower.ts).
 */
export function armPath(experiment: string): string {
  return `@${experiment}`;
}

export function isArmPath(path: string): boolean {
  return path.startsWith("@");
}

/** What a witness needs to build a unit for an arm column. */
export interface ArmColumn {
  readonly unitPath: string;
  readonly unitMayBeAbsent: boolean;
  readonly seed: string;
  readonly ranges: readonly (readonly [number, number])[];
  readonly unit: "string" | "int";
  readonly arms: readonly string[];
}

export class ColumnTable {
  readonly paths: string[] = [];
  readonly domains: ColumnDomain[] = [];
  /** Literals each list column is tested with (contains / notContains), in order of first use. */
  readonly listLiterals: Scalar[][] = [];
  private readonly byPath = new Map<string, number>();
  /** The experiment of each arm column, by its path (`@NAME`), for witnesses. */
  readonly armColumns = new Map<string, ArmColumn>();

  private constructor(
    private readonly resolveType: (path: string) => CheckedType,
    readonly consentPaths: ReadonlySet<string>,
  ) {}

  static forProgram(program: CheckedProgram): ColumnTable {
    const arms = new Map<string, CheckedType>((program.experiments ?? []).map((e) => [armPath(e.name), { kind: "enum", members: e.arms.map((a) => a.name) }]));
    const table = new ColumnTable((path) => arms.get(path) ?? requireField(program.context, path).field.type, new Set(program.consents.map((g) => g.path)));
    for (const experiment of program.experiments ?? []) {
      if (experiment.unit === "") continue;
      const { field, ancestors } = requireField(program.context, experiment.unit);
      table.armColumns.set(armPath(experiment.name), {
        unitPath: experiment.unit,
        unitMayBeAbsent: field.optional || ancestors.some((a) => a.optional),
        seed: experiment.seed,
        ranges: experimentRanges(experiment),
        unit: field.type.kind === "int" ? "int" : "string",
        arms: experiment.arms.map((a) => a.name),
      });
    }
    return table;
  }

  /** Columns of a lowered decision, typed by what the bundle says about them. */
  static forBundleColumns(columns: readonly Column[]): ColumnTable {
    const types = new Map<string, CheckedType>();
    for (const column of columns) {
      const scalar = (kind: Column["type"]): CheckedType =>
        kind === "enum" ? { kind: "enum", members: column.values ?? [] } : ({ kind } as CheckedType);
      types.set(column.path, column.type === "list" ? { kind: "list", element: scalar(column.element ?? "string") } : scalar(column.type));
    }
    const consent = new Set(columns.filter((c) => c.consent).map((c) => c.path));
    return new ColumnTable((path) => {
      const type = types.get(path);
      if (!type) throw new Error(`internal: no column for \`${path}\``);
      return type;
    }, consent);
  }

  indexOf(path: string): number {
    const known = this.byPath.get(path);
    if (known !== undefined) return known;
    const index = this.paths.length;
    this.paths.push(path);
    this.domains.push(columnDomain(this.resolveType(path), path));
    this.listLiterals.push([]);
    this.byPath.set(path, index);
    return index;
  }

  /** The declared type at `path` (records included, which never become columns). */
  typeAt(path: string): CheckedType {
    return this.resolveType(path);
  }

  noteListLiteral(column: number, literal: Scalar): void {
    const seen = this.listLiterals[column]!;
    if (!seen.includes(literal)) seen.push(literal);
  }

  domain(column: number): ColumnDomain {
    const domain = this.domains[column];
    if (!domain) throw new Error(`internal: no column ${column}`);
    return domain;
  }
}
