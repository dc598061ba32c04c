/**
 * The hand-written retail function of peer-retail.ts, the same decision
 * logic, reading the context as scn's runtime must (docs/runtime.md,
 * "Hostile contexts"; the steps are in checked-reads.ts): each property an
 * own property of a non-array object, read at most once per decision and
 * only when needed, a throwing step and a value of the wrong type absent,
 * the tags list copied once. The readers are the ones checked-reads.ts
 * writes for the example's context declaration (examples/retail/
 * context.scn), one per field with its key as a constant; the logic calls
 * them where the plain function reads a property. The bench times it
 * beside the plain function: the difference is what the contract costs
 * any evaluator that keeps it (docs/benchmarks.md, "What the read
 * contract costs").
 */
import type { Column } from "@scn/runtime";
import { CheckedReads } from "./checked-reads.js";
import {
  creditBonusArm,
  DEFAULT_OUTPUT,
  ELECTRONICS_WINDOW_DAYS,
  HIGH_VALUE_ORDER,
  PRICE_SENSITIVE_FROM,
  QUEUE_KIOSK_MINUTES,
  R,
  RETURN_WINDOW_DAYS,
  TIME_PRESSED_FROM,
  type Found,
} from "./peer-retail.js";

/** The fields the decision reads, with their declared types (examples/retail/context.scn). */
const FIELDS = {
  id: { path: "customer.id", type: "string" },
  loyalty: { path: "customer.loyalty", type: "enum", values: ["none", "silver", "gold", "platinum"] },
  priceSensitivity: { path: "customer.price_sensitivity", type: "number" },
  timePressure: { path: "customer.time_pressure", type: "number" },
  tags: { path: "customer.tags", type: "list", element: "string" },
  personalization: { path: "customer.consent.personalization", type: "bool" },
  channel: { path: "order.channel", type: "enum", values: ["online", "store", "app"] },
  category: { path: "order.category", type: "enum", values: ["apparel", "electronics", "home", "beauty"] },
  value: { path: "order.value", type: "number" },
  days: { path: "order.days_since_delivery", type: "int" },
  condition: { path: "order.condition", type: "enum", values: ["unopened", "opened", "damaged"] },
  giftReceipt: { path: "order.gift_receipt", type: "bool" },
  location: { path: "visit.location", type: "enum", values: ["web", "app", "store", "call_center"] },
  queue: { path: "visit.queue_minutes", type: "int" },
} as const satisfies Record<string, Column>;

type Field = keyof typeof FIELDS;
type Readers = { readonly [F in Field]: () => unknown } & { readonly begin: (context: unknown) => void };

/** The readers' module: checked-reads.ts's code and an export of each field's reader. */
export function checkedRetailReadersSource(): string {
  const reads = new CheckedReads(Object.values(FIELDS));
  const exported = Object.entries(FIELDS).map(([field, column]) => `${field}: () => ${reads.access(column.path)}`);
  return `${reads.source()}\nexport const readers = { begin: $begin, ${exported.join(", ")} };\n`;
}

// The readers, set once by checkedRetailPeer: each a function of its own, so V8 inlines each call.
let f: Readers;

const timePressed = () => (f.timePressure() as number) >= TIME_PRESSED_FROM || (f.tags() !== undefined && (f.tags() as string[]).includes("busy_professional"));
const loyal = () => f.loyalty() === "gold" || f.loyalty() === "platinum";
const priceSensitive = () => (f.priceSensitivity() as number) >= PRICE_SENSITIVE_FROM;

function onlineReturn(consent: boolean): Found {
  if ((f.days() as number) <= RETURN_WINDOW_DAYS) {
    if (consent) {
      if (loyal() && priceSensitive()) return { rule: R.withinBargain, arm: null };
      if (priceSensitive()) {
        const id = f.id();
        const arm = id === undefined ? null : creditBonusArm(id as string);
        if (arm !== null) return { rule: arm === "bonus_10" ? R.withinBonus10 : R.withinBonus15, arm };
      }
      if (timePressed()) return { rule: R.withinKiosk, arm: null };
    }
    return { rule: R.within, arm: null };
  }
  if (f.condition() === "damaged") return { rule: R.damaged, arm: null };
  if (consent && loyal()) return { rule: R.goodwill, arm: null };
  if (consent && f.giftReceipt() === true) return { rule: R.giftExchange, arm: null };
  return { rule: R.outside, arm: null };
}

function storePurchase(consent: boolean): Found {
  const queue = f.queue();
  if (queue !== undefined && (queue as number) > QUEUE_KIOSK_MINUTES) return { rule: R.shortWait, arm: null };
  return { rule: consent && timePressed() ? R.storeKiosk : R.store, arm: null };
}

const BY_CHANNEL = new Map<unknown, (consent: boolean) => Found>([
  ["online", onlineReturn],
  ["app", onlineReturn],
  ["store", storePurchase],
]);

function electronics(consent: boolean): Found {
  if (f.condition() === "unopened" && (f.days() as number) <= ELECTRONICS_WINDOW_DAYS) {
    return { rule: consent && timePressed() ? R.sealedTimePressed : R.sealed, arm: null };
  }
  return { rule: consent && loyal() ? R.inspectionLoyal : R.inspection, arm: null };
}

function decideStoreReturnsChecked(context: unknown): unknown {
  f.begin(context);
  const consent = f.personalization() === true;
  let found: Found = null;
  if (f.location() === "store") {
    if (f.category() === "electronics" && (f.value() as number) >= HIGH_VALUE_ORDER) found = electronics(consent);
    else found = BY_CHANNEL.get(f.channel())?.(consent) ?? null;
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

/** The checked retail function, its readers loaded. */
export async function checkedRetailPeer(): Promise<(context: unknown) => unknown> {
  const source = checkedRetailReadersSource();
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { readers: Readers };
  f = module.readers;
  return decideStoreReturnsChecked;
}
