/**
 * Checks `metric` declarations: their properties, and that each says which
 * direction is better (targets and hygiene depend on it).
 *
 * Invariant: a metric without a valid `better` is reported once and treated
 * as `better higher`, so its uses do not produce further errors.
 */
import type { MetricDeclaration } from "../ast.js";
import type { CheckedMetric } from "../checked.js";
import type { ConstTable } from "./consts.js";
import { METRIC_PROPERTIES, readProperties } from "./properties.js";
import type { Reporter } from "./report.js";

export function checkMetric(declaration: MetricDeclaration, reporter: Reporter, consts: ConstTable): CheckedMetric {
  const values = readProperties(declaration.properties, METRIC_PROPERTIES, "metric", reporter, consts);
  const better = values.get("better");
  const hasBetter = declaration.properties.some((property) => property.key.name === "better");
  if (!hasBetter) {
    reporter.report("missing-metric-direction", declaration.name.span, `the metric \`${declaration.name.name}\` does not say which direction is better`, {
      help: "add `better higher` or `better lower`",
    });
  }
  const title = declaration.title?.value ?? (typeof values.get("title") === "string" ? (values.get("title") as string) : null);
  const unit = values.get("unit");
  return {
    name: declaration.name.name,
    title,
    unit: typeof unit === "string" ? unit : null,
    better: better === "lower" ? "lower" : "higher",
    span: declaration.span,
  };
}
