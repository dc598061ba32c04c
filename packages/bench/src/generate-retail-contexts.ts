/**
 * Contexts for the retail example (examples/retail), from a fixed seed:
 * every required field present and well typed, most visits in a store
 * (where its scenarios apply), values spread over the thresholds the
 * scenarios and segments compare with, most customers consenting, and a
 * few customers without an id (the credit-bonus experiment enrolls nobody
 * without one).
 */
import { seededRandom } from "./random.js";
import type { Context } from "./generate-contexts.js";

const LOYALTY = ["none", "silver", "gold", "platinum"] as const;
const CHANNELS = ["online", "store", "app"] as const;
const CATEGORIES = ["apparel", "electronics", "home", "beauty"] as const;
const CONDITIONS = ["unopened", "opened", "damaged"] as const;
const LOCATIONS = ["web", "app", "store", "call_center"] as const;
const TAGS = ["busy_professional", "prefers_sms", "student"] as const;

export function generateRetailContexts(count: number, seed = 3): Context[] {
  const random = seededRandom(seed * 7919);
  const contexts: Context[] = [];
  for (let i = 0; i < count; i++) {
    const visit: Record<string, unknown> = { location: random.chance(0.75) ? "store" : random.pick(LOCATIONS) };
    if (random.chance(0.8)) visit["queue_minutes"] = random.int(0, 30);
    contexts.push({
      customer: {
        id: random.chance(0.05) ? "" : `cust-${i}`,
        loyalty: random.pick(LOYALTY),
        price_sensitivity: Math.round(random.next() * 100) / 100,
        time_pressure: Math.round(random.next() * 100) / 100,
        orders_last_year: random.int(0, 40),
        tags: TAGS.filter(() => random.chance(0.2)),
        consent: { personalization: random.chance(0.7) },
      },
      order: {
        channel: random.pick(CHANNELS),
        category: random.pick(CATEGORIES),
        value: Math.round(random.next() * 150000) / 100,
        days_since_delivery: random.int(0, 60),
        condition: random.pick(CONDITIONS),
        gift_receipt: random.chance(0.3),
      },
      visit,
    });
  }
  return contexts;
}
