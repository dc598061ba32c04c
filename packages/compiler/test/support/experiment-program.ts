/**
 * A small program whose variations run splits of two experiments, one with
 * a string unit and partial coverage, one with an int unit: the shared
 * fixture of the experiment tests (experiments.test.ts, the Python
 * consumer's and the real SDK's comparisons).
 */
export const EXPERIMENT_SOURCE = `
context {
  customer: { id: string?, price_sensitivity: number(0..1), number: int? }
  order: { days: int(0..3650) }
}
decision store_returns {
  output { message: string, offer: string? }
  default { message: "returns.generic" }
}
metric repurchase { better higher }
segment price_sensitive = customer.price_sensitivity >= 0.6
experiment credit_bonus {
  unit customer.id
  arms { control 20%, bonus_10 40%, bonus_15 40% }
  seed "credit-bonus-2026"
  coverage 90%
}
experiment by_number { unit customer.number, arms { a 50%, b 50% } }
scenario returns for store_returns {
  owner "cx"
  situation order.days < 1000
  goal "Return in one visit"
  pathway within when order.days <= 30 {
    message: "returns.within"
    variation price_sensitive {
      message: "returns.within.credit_bonus"
      split credit_bonus {
        control { message: "returns.within" }
        bonus_10 { offer: "store_credit_10" }
        bonus_15 { offer: "store_credit_15" }
      }
    }
  }
  pathway outside otherwise {
    message: "returns.outside"
    variation late_regulars when order.days > 100 {
      split by_number { a {} b { offer: "call_back" } }
    }
  }
  metrics { primary repurchase }
}
`;
