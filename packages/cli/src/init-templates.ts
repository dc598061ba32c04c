/**
 * The files `scn init` writes: a project that checks, builds and tests out of
 * the box, and a GitHub Actions workflow that lints every change. Kept as
 * plain strings so that what a user gets is exactly what is reviewed here.
 */

export const CONFIG_TEMPLATE = `{
  "$schema": "./node_modules/@scn/cli/schema/scn.config.schema.json",
  "sources": ["scenarios/**/*.scn"],
  "outDir": "dist/scn",
  "targets": ["json", "js", "dts", "vectors"],
  "severity": {}
}
`;

export const CONTEXT_TEMPLATE = `// What a touchpoint knows about the customer and the moment they are in.
context {
  customer: {
    id: string
    loyalty: Loyalty
    price_sensitivity: number(0..1) personal
    consent: { personalization: bool }
  }
  order: {
    status: enum { placed, shipped, delayed, delivered }
    days_late: int(0..60)
  }
}

type Loyalty = enum { none, silver, gold }

consent personalization = customer.consent.personalization

segment price_sensitive "Price-sensitive shoppers" = customer.price_sensitivity >= 0.6
`;

export const SCENARIO_TEMPLATE = `// The message a customer gets when their order runs late.
decision delay_notice "Late order notification" {
  output {
    channel: enum { email, sms, none }
    message: string
    voucher: string?
  }
  default {
    channel: none
    message: "order.on_time"
  }
}

metric delay_contacts "Service contacts about late orders" {
  unit "contacts/week"
  better lower
}

metric repurchase_60d "Repurchase within 60 days" {
  unit "%"
  better higher
}

const LONG_DELAY_DAYS = 5

scenario late_delivery "My order is late" for delay_notice {
  owner "cx-delivery"
  priority 10
  impact high
  feasibility high
  expires 2030-12-31

  situation order.status == delayed
  goal "Know when the order arrives without having to ask"

  pathway long_delay when order.days_late >= LONG_DELAY_DAYS {
    channel: sms
    message: "delay.long"
    voucher: "sorry_10"
    variation price_sensitive {
      voucher: "sorry_15"
    }
  }
  pathway short_delay otherwise {
    channel: email
    message: "delay.short"
  }

  metrics {
    primary delay_contacts target -30% within 60 days
    guardrail repurchase_60d
  }
}
`;

export const TESTS_TEMPLATE = `// Each test starts from a fixture, a named context, and writes only what
// differs from it (docs/language.md, "fixture: named test contexts").
fixture delayed_order {
  customer: { id: "c1", loyalty: none, price_sensitivity: 0.2, consent: { personalization: true } }
  order: { status: delayed, days_late: 7 }
}

fixture price_sensitive_gold extends delayed_order {
  customer: { id: "c2", loyalty: gold, price_sensitivity: 0.9 }
  order: { days_late: 9 }
}

test "a long delay gets an SMS with a voucher" {
  given delayed_order
  expect delay_notice = late_delivery/long_delay
  expect delay_notice { channel: sms, voucher: "sorry_10" }
}

test "price-sensitive customers who opted in get a bigger voucher" {
  given price_sensitive_gold
  expect delay_notice = late_delivery/long_delay/price_sensitive
}

test "without consent the foundational experience is used" {
  given price_sensitive_gold { customer: { consent: { personalization: false } } }
  expect delay_notice = late_delivery/long_delay
}

test "a short delay gets an email" {
  given delayed_order {
    customer: { id: "c4", loyalty: silver, price_sensitivity: 0.5 }
    order: { days_late: 1 }
  }
  expect delay_notice = late_delivery/short_delay
}

test "orders on time get the default" {
  given delayed_order {
    customer: { id: "c5", price_sensitivity: 0.1 }
    order: { status: shipped, days_late: 0 }
  }
  expect delay_notice = default
}
`;

export const GITIGNORE_TEMPLATE = `node_modules/
dist/
`;

export const WORKFLOW_TEMPLATE = `# Lints every change to the scenarios, and shows reviewers what a pull
# request changes for real customers.
name: scn

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  security-events: write
  pull-requests: write

jobs:
  scn:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # package-lock.json is committed (run npm install once after scn init),
      # so every run installs exactly the versions that were reviewed.
      - run: npm ci
      - name: Formatting
        run: npx --no scn fmt --check
      - name: Check (annotations)
        run: npx --no scn check --format github
      - name: Check (SARIF for code scanning)
        if: always()
        run: npx --no scn check --format sarif > scn.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: scn.sarif
      - name: Tests
        run: npx --no scn test
      - name: Build
        run: npx --no scn build
      - name: Behavior diff for reviewers
        if: github.event_name == 'pull_request'
        run: npx --no scn diff --git "origin/\${{ github.base_ref }}" --format markdown > scn-diff.md
      - name: Post the diff
        if: github.event_name == 'pull_request'
        uses: marocchino/sticky-pull-request-comment@v2
        with:
          path: scn-diff.md
`;

/** The npm scripts a scaffolded project gets; `npm test` runs `scn test`. */
export const PACKAGE_SCRIPTS: Readonly<Record<string, string>> = { check: "scn check", test: "scn test", build: "scn build", fmt: "scn fmt" };

/** The dependency range on the CLI that `scn init` writes: this version or a compatible newer one. */
export function cliRange(cliVersion: string): string {
  return `^${cliVersion}`;
}

export function packageJsonTemplate(name: string, cliVersion: string): string {
  const manifest = {
    name,
    private: true,
    type: "module",
    scripts: PACKAGE_SCRIPTS,
    devDependencies: { "@scn/cli": cliRange(cliVersion) },
  };
  return JSON.stringify(manifest, null, 2) + "\n";
}
