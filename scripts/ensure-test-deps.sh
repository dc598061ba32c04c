#!/usr/bin/env bash
# Installs the system components that tests need, when they are missing, so
# that the README's test command and .ci/run pass on a fresh Debian machine.
# It is quick and does nothing when everything is present. As root it uses
# apt-get; otherwise it says what to install and lets the tests report it.
#
# - chromium, fonts-dejavu-core: the browser tests of the catalog and the
#   playground (docs/report.md#browser-tests); DejaVu keeps screenshots
#   independent of the fonts a machine happens to have.
# - python3-sqlglot: parses the SQL target's Spark, Trino, BigQuery and
#   Snowflake output (packages/compiler/test/sql-parse.test.ts), imported by
#   Debian's /usr/bin/python3. DuckDB and PostgreSQL need nothing here: DuckDB
#   ships in the npm package @duckdb/node-api and PostgreSQL runs in-process
#   as PGlite (docs/warehouse.md, "How same meaning is tested").
# - neovim: the language server in Neovim's built-in LSP client
#   (packages/language-server/test/neovim.test.ts, docs/editors.md#neovim).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
/usr/bin/python3 -c 'import sqlglot' >/dev/null 2>&1 || missing+=(python3-sqlglot)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: missing ${missing[*]}; install them (Debian: apt-get install -y ${missing[*]})" >&2
  exit 0
fi

echo "ensure-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
