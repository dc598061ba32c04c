/**
 * `scn score --strict`: each context is validated against the bundle's
 * context schema by the runtime's own validator (the one `scn eval --strict`
 * and `loadBundle(…, { strict: true })` use), registered in DuckDB as the
 * scalar function `scn_problems(context)`. It gives the problems as JSON
 * text, `[{"path":…,"message":…}, …]`, or NULL for a valid context, so the
 * messages are exactly the runtime's. Only this column's contexts pass
 * through JavaScript, which is why strict scoring is slower
 * (docs/warehouse.md, "scn score").
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Bundle } from "@scn/runtime";

export const PROBLEMS_FUNCTION = "scn_problems";

export async function registerStrictProblems(connection: DuckDBConnection, bundle: Bundle): Promise<void> {
  const { DuckDBScalarFunction, VARCHAR } = await import("@duckdb/node-api");
  const { loadBundle } = await import("@scn/runtime");
  const runtime = loadBundle(bundle);
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: PROBLEMS_FUNCTION,
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      // NULL contexts are validated too (as "nothing"), so the function sees them.
      specialHandling: true,
      mainFunction: (_info, chunk, output) => {
        const contexts = chunk.getColumnVector(0);
        for (let row = 0; row < chunk.rowCount; row++) {
          const text = contexts.getItem(row) as string | null;
          let context: unknown;
          try {
            context = text === null ? undefined : JSON.parse(text);
          } catch {
            context = undefined;
          }
          const problems = runtime.validateContext(context);
          output.setItem(row, problems.length === 0 ? null : JSON.stringify(problems.map((p) => ({ path: p.path, message: p.message }))));
        }
        output.flush();
      },
    }),
  );
}

/** The SQL of a context's problems (JSON text, or NULL when valid) for the context as JSON, `context`. */
export function strictProblemsSql(context: string): string {
  return `${PROBLEMS_FUNCTION}(CAST(${context} AS VARCHAR))`;
}
