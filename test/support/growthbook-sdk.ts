/** Random unit values and the GrowthBook SDK's answer for them, shared by the SDK comparison tests. */
import { GrowthBook } from "@growthbook/growthbook";

/** A small deterministic generator (mulberry32), so a failure names a reproducible unit. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz0123456789-_",
  "äöüßéèçñøåæœ€£¥ёжщЯ中文字符日本語한국어",
  "\u{1F600}\u{1F680}\u{1D11E}\u{20000}\u{1F44D}\u{10348}",
];

/** Random unit values of every kind the language allows (strings and ints), plus the falsy ones. */
export function randomUnits(count: number, seed: number): (string | number)[] {
  const random = generator(seed);
  const pick = (text: string) => {
    const chars = [...text];
    return chars[Math.floor(random() * chars.length)]!;
  };
  const units: (string | number)[] = ["", 0, "0", -1, 1];
  while (units.length < count) {
    const kind = Math.floor(random() * 5);
    if (kind === 4) {
      units.push(Math.floor((random() - 0.5) * 2 * Number.MAX_SAFE_INTEGER));
      continue;
    }
    const alphabet = kind === 3 ? ALPHABETS.join("") : ALPHABETS[kind % 3]!;
    const length = 1 + Math.floor(random() * 24);
    let unit = "";
    for (let i = 0; i < length; i++) unit += pick(alphabet);
    units.push(unit);
  }
  return units;
}

export interface SdkExperiment {
  readonly key: string;
  readonly seed: string;
  /** At least two, as the SDK's experiments have at least two variations. */
  readonly weights: readonly [number, number, ...number[]];
  readonly coverage: number;
}

/** The SDK's variation index for one unit, or -1 when it puts the unit in no arm. */
export function sdkArm(experiment: SdkExperiment, unit: string | number): number {
  const gb = new GrowthBook({ attributes: { id: unit } });
  const result = gb.run({
    key: experiment.key,
    // The arms' indexes 0, 1, …, written so that their type keeps the two
    // the SDK requires (a mapped array would lose it).
    variations: [0, 1, ...experiment.weights.slice(2).map((_, i) => i + 2)],
    weights: experiment.weights.map((w) => w / 100),
    coverage: experiment.coverage / 100,
    seed: experiment.seed,
    hashVersion: 2,
    hashAttribute: "id",
  });
  gb.destroy();
  return result.inExperiment ? result.variationId : -1;
}

export const SDK_EXPERIMENTS: readonly SdkExperiment[] = [
  { key: "credit_bonus", seed: "credit-bonus-2026", weights: [20, 40, 40], coverage: 100 },
  { key: "half_on", seed: "half_on", weights: [50, 50], coverage: 37.5 },
  { key: "thirds", seed: "ünïcødé-\u{1F600}", weights: [33.33, 33.33, 33.34], coverage: 90 },
  { key: "tiny", seed: "tiny", weights: [1, 2, 97], coverage: 3 },
];

export const SDK_UNITS = 4000;
