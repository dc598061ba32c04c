/**
 * Contexts for the realistic programs (generate-realistic.ts), from a fixed
 * seed: every field present and well typed, values spread over the ranges
 * the situations compare with, most customers consenting, and the category
 * drawn from the program's categories.
 */
import { seededRandom } from "./random.js";
import { CHANNELS, INTERESTS, REGIONS, TIERS, categoriesFor, type RealisticShape } from "./generate-realistic.js";
import type { Context } from "./generate-contexts.js";

export function generateRealisticContexts(shape: RealisticShape, scenarios: number, count: number, seed = 5): Context[] {
  const random = seededRandom(seed * 7907 + scenarios);
  const categories = categoriesFor(shape, scenarios);
  const contexts: Context[] = [];
  for (let i = 0; i < count; i++) {
    contexts.push({
      customer: {
        id: `cust-${i}`,
        tier: random.pick(TIERS),
        age: random.int(18, 90),
        spend: Math.round(random.next() * 800000) / 100,
        price_sensitivity: Math.round(random.next() * 100) / 100,
        time_pressure: Math.round(random.next() * 100) / 100,
        interests: INTERESTS.filter(() => random.chance(0.3)),
        consent: { personalization: random.chance(0.7) },
      },
      order: {
        channel: random.pick(CHANNELS),
        category: random.pick(categories),
        value: random.int(0, 3000),
        items: random.int(1, 12),
        days_since_delivery: random.int(0, 90),
      },
      visit: { region: random.pick(REGIONS) },
    });
  }
  return contexts;
}
