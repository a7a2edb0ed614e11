#!/usr/bin/env bash
# `npm run test:all`: ensure the system services, then run both Vitest projects (unit + services).
#
#   bash scripts/test-all.sh [extra vitest args...]
#
# 1. Installs what is missing in ONE apt-get run (Debian packages only: clickhouse-server,
#    clickhouse-client, chromium, and mariadb-server/mariadb-client when MariaDB itself is absent).
# 2. Runs scripts/services/{clickhouse,mariadb,chromium}.sh; each is idempotent (instant when the
#    service already answers), starts its service on 127.0.0.1 only, and prints the env vars to export:
#    CALLKPI_TEST_CLICKHOUSE_URL, CALLKPI_TEST_MARIADB_URL, CALLKPI_TEST_CHROMIUM.
# 3. A service that cannot be installed or started: with CI=true this script fails (exit 1, one line
#    per reason); otherwise it warns, leaves that variable unset, and the suites needing it skip.
# 4. Builds (npm run build; CALLKPI_SKIP_BUILD=1 skips it when the caller just built), then runs
#    `vitest run` (both projects) and ends with a plain "vitest: N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${CI:-}" in true | TRUE | True | 1 | yes) IS_CI=1 ;; *) IS_CI=0 ;; esac
say() { printf 'test-all: %s\n' "$*" >&2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/callkpi-test-all-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export CALLKPI_APT_STAMP="$WORK/apt-updated" # `apt-get update` at most once for this run

[ -x node_modules/.bin/vitest ] || {
  say "node_modules/.bin/vitest not found: run 'npm ci' first"
  exit 1
}

# --- 1. one apt-get for everything that is missing ---------------------------------------------
missing=()
if [ -z "${CALLKPI_TEST_CLICKHOUSE_URL:-}" ] && [ ! -x /usr/sbin/clickhouse-server ] && [ ! -x /usr/bin/clickhouse-server ]; then
  missing+=(clickhouse-server clickhouse-client)
fi
if [ -z "${CALLKPI_TEST_MARIADB_URL:-}" ] && [ ! -x /usr/sbin/mariadbd ]; then
  missing+=(mariadb-server mariadb-client)
fi
if [ -z "${CALLKPI_TEST_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  say "missing: ${missing[*]}"
  (
    SVC_NAME=apt
    # shellcheck source=scripts/services/common.sh
    . scripts/services/common.sh
    svc_apt_install "${missing[@]}"
  ) || say "combined install failed; each service script will try its own packages"
fi

# --- 2. ensure each service ---------------------------------------------------------------------
failures=()
for svc in clickhouse mariadb chromium; do
  reason_file="$WORK/$svc.reason"
  t0=$(date +%s)
  if out=$(CALLKPI_SERVICE_REASON_FILE="$reason_file" bash "scripts/services/$svc.sh"); then
    while IFS= read -r line; do
      if [[ "$line" =~ ^(CALLKPI_TEST_[A-Z_]+)=(.*)$ ]]; then
        export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"
      fi
    done <<<"$out"
    say "$svc ok ($(($(date +%s) - t0)) s)"
  else
    reason=$(head -n 1 "$reason_file" 2>/dev/null || true)
    failures+=("$svc: ${reason:-failed (see output above)}")
    case "$svc" in
      clickhouse) unset CALLKPI_TEST_CLICKHOUSE_URL ;;
      mariadb) unset CALLKPI_TEST_MARIADB_URL ;;
      chromium) unset CALLKPI_TEST_CHROMIUM ;;
    esac
  fi
done

if [ "${#failures[@]}" -gt 0 ]; then
  if [ "$IS_CI" = 1 ]; then
    for f in "${failures[@]}"; do echo "test-all: FAILED (CI=true): $f" >&2; done
    exit 1
  fi
  for f in "${failures[@]}"; do
    say "WARNING: $f -- the test suites that need it will be skipped (with CI=true this is an error)"
  done
fi

say "CALLKPI_TEST_CLICKHOUSE_URL=${CALLKPI_TEST_CLICKHOUSE_URL:-<unset>}"
say "CALLKPI_TEST_MARIADB_URL=${CALLKPI_TEST_MARIADB_URL:-<unset>}"
say "CALLKPI_TEST_CHROMIUM=${CALLKPI_TEST_CHROMIUM:-<unset>}"

# --- 3. build: the e2e suite serves the built dashboard (dist/web) and the CLI tests run dist/ ----
if [ "${CALLKPI_SKIP_BUILD:-}" != 1 ]; then
  say "npm run build"
  npm run --silent build >"$WORK/build.log" 2>&1 || {
    cat "$WORK/build.log" >&2
    say "npm run build failed"
    exit 1
  }
fi

# --- 4. run both Vitest projects ----------------------------------------------------------------
report="$WORK/vitest.json"
say "npx vitest run $*"
rc=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || rc=$?

if [ -s "$report" ]; then
  # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`vitest: ${r.numPassedTests ?? 0} passed, ${r.numFailedTests ?? 0} failed, ${skipped} skipped`);
  ' "$report" || true
fi
exit "$rc"
