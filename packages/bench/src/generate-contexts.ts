/**
 * Generates a stream of realistic contexts for the generated programs, from
 * a fixed seed: most customers are in a category some scenario serves, most
 * have consented, optional fields are usually present. Every context is well
 * typed, so every engine (including the peers, which do not share scn's
 * absent-value rules) is asked the same, meaningful question.
 */
import { seededRandom } from "./random.js";
import { CHANNELS, INTERESTS, LOCATIONS, OSES, REGIONS, TIERS } from "./generate-program.js";

export type Context = Record<string, unknown>;

export function generateContexts(scenarios: number, count: number, seed = 7): Context[] {
  const random = seededRandom(seed * 7919 + scenarios);
  const contexts: Context[] = [];
  for (let i = 0; i < count; i++) {
    const interests = INTERESTS.filter(() => random.chance(0.3));
    const customer: Record<string, unknown> = {
      id: `cust-${i}`,
      tier: random.pick(TIERS),
      age: random.int(18, 100),
      tenure_months: random.int(0, 120),
      price_sensitivity: Math.round(random.next() * 100) / 100,
      time_pressure: Math.round(random.next() * 100) / 100,
      interests,
      consent: { personalization: random.chance(0.7) },
    };
    if (random.chance(0.8)) customer["email"] = `c${i}@example.com`;
    const order: Record<string, unknown> = {
      channel: random.pick(CHANNELS),
      category: random.chance(0.9) ? `c${random.int(0, Math.max(0, scenarios - 1))}` : "uncategorized",
      value: random.int(0, 6000),
      items: random.int(1, 25),
      days_since_delivery: random.int(0, 90),
      gift: random.chance(0.2),
    };
    if (random.chance(0.3)) order["coupon"] = `SAVE${random.int(1, 50)}`;
    contexts.push({
      customer,
      order,
      visit: { location: random.pick(LOCATIONS), hour: random.int(0, 23), region: random.pick(REGIONS) },
      device: { os: random.pick(OSES), app_version: random.int(0, 500) },
    });
  }
  return contexts;
}
