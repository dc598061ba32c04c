/**
 * The retail example's `store_returns` decision (examples/retail), written
 * by hand the way a competent engineer would write it without scn: the
 * one field every scenario tests (the visit happens in a store) checked
 * first, then a Map from the order's channel to the scenario that handles
 * it, the segments as plain comparisons, the credit-bonus experiment
 * assigned with GrowthBook's hash as the program declares it, and every
 * answer a constant. It returns the same full answer as scn (rule, output,
 * metrics, consent record, experiment exposure) and assumes well-typed
 * contexts, as such code usually does. The benchmark checks its answers
 * against the JSON runtime's, field by field, before timing it.
 */

/** The bench's copy of the example's constants (examples/retail/segments.scn, returns.scn). */
export const RETURN_WINDOW_DAYS = 30;
export const ELECTRONICS_WINDOW_DAYS = 14;
export const HIGH_VALUE_ORDER = 500;
export const PRICE_SENSITIVE_FROM = 0.6;
export const TIME_PRESSED_FROM = 0.7;
export const QUEUE_KIOSK_MINUTES = 10;

interface Ctx {
  customer: {
    id: string;
    loyalty: string;
    price_sensitivity: number;
    time_pressure: number;
    tags: string[];
    consent: { personalization: boolean };
  };
  order: { channel: string; category: string; value: number; days_since_delivery: number; condition: string; gift_receipt: boolean };
  visit: { location: string; queue_minutes?: number };
}

type Refund = { bonus_percent: number; method: string };
export interface Output {
  action: string;
  follow_up: string;
  message: string;
  offer?: string;
  refund: Refund;
}

const ELECTRONICS_METRICS = ["hassle_free_returns", "return_calls", "desk_minutes"];
const ONLINE_METRICS = ["hassle_free_returns", "return_calls", "goodwill_cost", "repurchase_30d"];
const STORE_METRICS = ["desk_minutes", "hassle_free_returns"];
const PLAIN: Refund = { bonus_percent: 0, method: "original_payment" };

export interface Rule {
  readonly rule: string;
  readonly scenario: string;
  readonly pathway: string;
  readonly variation: string | null;
  readonly output: Output;
  readonly metrics: readonly string[];
}

function rule(scenario: string, pathway: string, variation: string | null, output: Output, metrics: readonly string[]): Rule {
  return { rule: variation === null ? `${scenario}/${pathway}` : `${scenario}/${pathway}/${variation}`, scenario, pathway, variation, output, metrics };
}

export const R = {
  sealedTimePressed: rule("high_value_electronics", "sealed", "time_pressed", { action: "kiosk", follow_up: "none", message: "returns.electronics.kiosk", refund: PLAIN }, ELECTRONICS_METRICS),
  sealed: rule("high_value_electronics", "sealed", null, { action: "express_desk", follow_up: "none", message: "returns.electronics.sealed", refund: PLAIN }, ELECTRONICS_METRICS),
  inspectionLoyal: rule(
    "high_value_electronics",
    "needs_inspection",
    "loyal",
    { action: "inspection", follow_up: "sms", message: "returns.electronics.inspection.priority", offer: "loaner_device", refund: PLAIN },
    ELECTRONICS_METRICS,
  ),
  inspection: rule("high_value_electronics", "needs_inspection", null, { action: "inspection", follow_up: "sms", message: "returns.electronics.inspection", refund: PLAIN }, ELECTRONICS_METRICS),
  withinBargain: rule(
    "online_return_in_store",
    "within_window",
    "loyal_bargain_hunter",
    { action: "express_desk", follow_up: "none", message: "returns.within.credit_bonus", offer: "store_credit_bonus_15", refund: { bonus_percent: 15, method: "store_credit" } },
    ONLINE_METRICS,
  ),
  withinBonus10: rule(
    "online_return_in_store",
    "within_window",
    "price_sensitive",
    { action: "express_desk", follow_up: "none", message: "returns.within.credit_bonus", offer: "store_credit_bonus_10", refund: { bonus_percent: 10, method: "store_credit" } },
    ONLINE_METRICS,
  ),
  withinBonus15: rule(
    "online_return_in_store",
    "within_window",
    "price_sensitive",
    { action: "express_desk", follow_up: "none", message: "returns.within.credit_bonus", offer: "store_credit_bonus_15", refund: { bonus_percent: 15, method: "store_credit" } },
    ONLINE_METRICS,
  ),
  withinKiosk: rule("online_return_in_store", "within_window", "time_pressed", { action: "kiosk", follow_up: "sms", message: "returns.kiosk", refund: PLAIN }, ONLINE_METRICS),
  within: rule("online_return_in_store", "within_window", null, { action: "express_desk", follow_up: "none", message: "returns.within", refund: PLAIN }, ONLINE_METRICS),
  damaged: rule("online_return_in_store", "damaged_item", null, { action: "express_desk", follow_up: "email", message: "returns.damaged.no_questions", refund: PLAIN }, ONLINE_METRICS),
  goodwill: rule("online_return_in_store", "outside_window", "loyal", { action: "goodwill_refund", follow_up: "none", message: "returns.goodwill", refund: PLAIN }, ONLINE_METRICS),
  giftExchange: rule(
    "online_return_in_store",
    "outside_window",
    "gift_exchange",
    { action: "manager_review", follow_up: "none", message: "returns.outside.gift_exchange", refund: { bonus_percent: 0, method: "exchange_only" } },
    ONLINE_METRICS,
  ),
  outside: rule("online_return_in_store", "outside_window", null, { action: "manager_review", follow_up: "none", message: "returns.outside", refund: { bonus_percent: 0, method: "store_credit" } }, ONLINE_METRICS),
  shortWait: rule("store_purchase_return", "long_queue", null, { action: "kiosk", follow_up: "none", message: "returns.store.kiosk_short_wait", refund: PLAIN }, STORE_METRICS),
  storeKiosk: rule("store_purchase_return", "standard", "time_pressed", { action: "kiosk", follow_up: "none", message: "returns.store.kiosk", refund: PLAIN }, STORE_METRICS),
  store: rule("store_purchase_return", "standard", null, { action: "express_desk", follow_up: "none", message: "returns.store.standard", refund: PLAIN }, STORE_METRICS),
};

export const DEFAULT_OUTPUT: Output = { action: "manager_review", follow_up: "none", message: "returns.generic", refund: PLAIN };

/** FNV-1a over UTF-16 code units, GrowthBook's hash. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The credit_bonus arm of a customer (examples/retail/experiments.scn: 50/50, full coverage), or null when not enrolled. */
export function creditBonusArm(id: string): "bonus_10" | "bonus_15" | null {
  if (id === "") return null;
  const bucket = (fnv1a32(String(fnv1a32("credit-bonus-2026" + id))) % 10000) / 10000;
  return bucket < 0.5 ? "bonus_10" : "bonus_15";
}

const timePressed = (c: Ctx) => c.customer.time_pressure >= TIME_PRESSED_FROM || c.customer.tags.includes("busy_professional");
const loyal = (c: Ctx) => c.customer.loyalty === "gold" || c.customer.loyalty === "platinum";
const priceSensitive = (c: Ctx) => c.customer.price_sensitivity >= PRICE_SENSITIVE_FROM;

export type Found = { rule: Rule; arm: string | null } | null;

function onlineReturn(c: Ctx, consent: boolean): Found {
  if (c.order.days_since_delivery <= RETURN_WINDOW_DAYS) {
    if (consent) {
      if (loyal(c) && priceSensitive(c)) return { rule: R.withinBargain, arm: null };
      if (priceSensitive(c)) {
        const arm = creditBonusArm(c.customer.id);
        if (arm !== null) return { rule: arm === "bonus_10" ? R.withinBonus10 : R.withinBonus15, arm };
      }
      if (timePressed(c)) return { rule: R.withinKiosk, arm: null };
    }
    return { rule: R.within, arm: null };
  }
  if (c.order.condition === "damaged") return { rule: R.damaged, arm: null };
  if (consent && loyal(c)) return { rule: R.goodwill, arm: null };
  if (consent && c.order.gift_receipt) return { rule: R.giftExchange, arm: null };
  return { rule: R.outside, arm: null };
}

function storePurchase(c: Ctx, consent: boolean): Found {
  const queue = c.visit.queue_minutes;
  if (queue !== undefined && queue > QUEUE_KIOSK_MINUTES) return { rule: R.shortWait, arm: null };
  return { rule: consent && timePressed(c) ? R.storeKiosk : R.store, arm: null };
}

const BY_CHANNEL = new Map<string, (c: Ctx, consent: boolean) => Found>([
  ["online", onlineReturn],
  ["app", onlineReturn],
  ["store", storePurchase],
]);

function electronics(c: Ctx, consent: boolean): Found {
  if (c.order.condition === "unopened" && c.order.days_since_delivery <= ELECTRONICS_WINDOW_DAYS) {
    return { rule: consent && timePressed(c) ? R.sealedTimePressed : R.sealed, arm: null };
  }
  return { rule: consent && loyal(c) ? R.inspectionLoyal : R.inspection, arm: null };
}

export function decideStoreReturns(context: unknown): unknown {
  const c = context as Ctx;
  const consent = c.customer.consent.personalization === true;
  let found: Found = null;
  if (c.visit.location === "store") {
    if (c.order.category === "electronics" && c.order.value >= HIGH_VALUE_ORDER) found = electronics(c, consent);
    else found = BY_CHANNEL.get(c.order.channel)?.(c, consent) ?? null;
  }
  if (found === null) {
    return { decision: "store_returns", reason: "default", rule: null, scenario: null, pathway: null, variation: null, output: DEFAULT_OUTPUT, metrics: [], consent: { personalization: consent }, experiment: null };
  }
  const r = found.rule;
  return {
    decision: "store_returns",
    reason: "scenario",
    rule: r.rule,
    scenario: r.scenario,
    pathway: r.pathway,
    variation: r.variation,
    output: r.output,
    metrics: r.metrics,
    consent: { personalization: consent },
    experiment: found.arm === null ? null : { arm: found.arm, name: "credit_bonus" },
  };
}
