/**
 * A program whose variation runs an experiment split, with a string unit
 * and an int unit, and units that exercise the hash: non-ASCII and astral
 * characters (hashed as UTF-16 code units), ints, the empty string and 0
 * (which enroll nobody), wrong types and absent values.
 */
export const EXPERIMENT_PROGRAM = `
context { customer: { id: string?, account: int?, vip: bool } }
metric conversion { better higher }
decision offer { output { message: string } default { message: "none" } }
segment tested = customer.vip
segment by_account_split = not customer.vip
experiment greeting {
  owner "growth"
  unit customer.id
  arms { control 34%, warm 33%, bold 33% }
  coverage 90%
  seed "greeting-2026"
}
experiment by_account {
  owner "growth"
  unit customer.account
  arms { a 50%, b 50% }
}
scenario welcome for offer {
  owner "growth"
  goal "Greet customers"
  situation customer.vip
  pathway vip otherwise {
    message: "vip"
    variation tested {
      message: "tested"
      split greeting {
        control {}
        warm { message: "warm" }
        bold { message: "bold" }
      }
    }
  }
  metrics { primary conversion }
}
scenario regular for offer {
  owner "growth"
  goal "Greet everyone else"
  situation not customer.vip
  pathway everyone otherwise {
    message: "regular"
    variation by_account_split {
      split by_account {
        a { message: "a" }
        b { message: "b" }
      }
    }
  }
  metrics { primary conversion }
}
`;

const IDS: readonly unknown[] = [
  "u1", "u2", "customer-42", "héllo", "日本語", "😀", "x😀y", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\u2028b", "ÿĀ", "Ω≈ç√", "", 0, 17, -3, 4.5, null, true, ["u1"],
];

/** Contexts as JSON text: every id with vip on, every account with vip off, and a few hundred generated ids. */
export function experimentContexts(): string[] {
  const contexts: unknown[] = [];
  for (const id of IDS) contexts.push({ customer: { id, vip: true } });
  for (const account of IDS) contexts.push({ customer: { account, vip: false } });
  for (let i = 0; i < 300; i++) {
    contexts.push({ customer: { id: `user-${i}-${String.fromCodePoint(0x1f600 + (i % 40))}-${String.fromCharCode(0xe9 + (i % 20))}`, vip: true } });
    contexts.push({ customer: { account: i * 7919 - 1000, vip: false } });
  }
  contexts.push({ customer: { vip: true } }, { customer: { vip: false } }, {});
  return contexts.map((context) => JSON.stringify(context));
}
