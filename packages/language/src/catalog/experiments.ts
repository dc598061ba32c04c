/**
 * SCN23xx: experiments and the `split`s that run them (docs/experiments.md).
 * Each example is a complete program that produces its own code and no other
 * error or warning (tests compile every one of them).
 */
import type { CatalogEntry } from "./entry.js";

/** A correct program with one experiment, which each example breaks in one way. */
const PROGRAM = `context { customer: { id: string }, visits: int }
decision greeting { output { message: string } default { message: "hello" } }
metric satisfaction { better higher }
experiment trial { unit customer.id, arms { a 50%, b 50% } }
scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {
    variation regulars when visits > 3 {
      split trial { a {} b { message: "welcome back" } }
    }
  }
  metrics { primary satisfaction }
}
`;

export const EXPERIMENT_DIAGNOSTICS = [
  {
    code: "SCN2301",
    name: "arm-weights",
    severity: "error",
    summary: "An experiment's arm weights do not sum to 100%, or an arm has no weight above 0%.",
    example: PROGRAM.replace("arms { a 50%, b 50% }", "arms { a 50%, b 40% }"),
  },
  {
    code: "SCN2302",
    name: "too-few-arms",
    severity: "error",
    summary: "An experiment with fewer than two arms: there is nothing to compare.",
    example: PROGRAM.replace("arms { a 50%, b 50% }", "arms { a 100% }").replace(' b { message: "welcome back" }', ""),
  },
  {
    code: "SCN2303",
    name: "duplicate-arm",
    severity: "error",
    summary: "An arm named twice in an experiment's `arms`, or in a `split`.",
    example: PROGRAM.replace("arms { a 50%, b 50% }", "arms { a 50%, b 50%, b 25% }"),
  },
  {
    code: "SCN2304",
    name: "missing-arm",
    severity: "error",
    summary: "A `split` that does not list every arm of its experiment (an arm may be `{}`).",
    example: PROGRAM.replace("split trial { a {} b", "split trial { b"),
  },
  {
    code: "SCN2305",
    name: "unknown-arm",
    severity: "error",
    summary: "A `split` names an arm its experiment does not have, or a test expects one no experiment of the decision has.",
    example: PROGRAM.replace("split trial { a {} b { message: \"welcome back\" } }", 'split trial { a {} b { message: "welcome back" } c {} }'),
  },
  {
    code: "SCN2306",
    name: "invalid-experiment-unit",
    severity: "error",
    summary: "An experiment's `unit` is missing, or is not a `string` or `int` context field.",
    example: PROGRAM.replace("unit customer.id", "unit visits_count").replace("visits: int }", "visits: int, visits_count: number }"),
  },
  {
    code: "SCN2307",
    name: "invalid-coverage",
    severity: "error",
    summary: "An experiment's `coverage` outside (0%, 100%].",
    example: PROGRAM.replace("unit customer.id,", "unit customer.id, coverage 0%,"),
  },
  {
    code: "SCN2308",
    name: "empty-seed",
    severity: "error",
    summary: "An experiment whose `seed` is the empty string (leave `seed` out to use the experiment's name).",
    example: PROGRAM.replace("unit customer.id,", 'unit customer.id, seed "",'),
  },
  {
    code: "SCN2309",
    name: "unknown-experiment",
    severity: "error",
    summary: "A `split` names an experiment that is not declared.",
    example: PROGRAM.replace("experiment trial { unit customer.id, arms { a 50%, b 50% } }\n", ""),
  },
  {
    code: "SCN2310",
    name: "unit-in-condition",
    severity: "error",
    summary: "A condition of a decision reads the `unit` field of an experiment that one of its variations splits on.",
    example: PROGRAM.replace("situation visits > 0", 'situation visits > 0 and customer.id != "test"'),
  },
  {
    code: "SCN2311",
    name: "unused-experiment",
    severity: "warning",
    summary: "An experiment that no `split` runs.",
    example: PROGRAM.replace("experiment trial", 'experiment unused_trial { unit customer.id, arms { a 50%, b 50% } }\nexperiment trial'),
  },
  {
    code: "SCN2312",
    name: "experiment-not-running",
    severity: "warning",
    summary: "A `split` runs a `draft` or `stopped` experiment: its variation never holds. Roll out the winner by editing the variation, or remove the split.",
    example: PROGRAM.replace("unit customer.id,", "unit customer.id, status stopped,"),
  },
] as const satisfies readonly CatalogEntry[];
