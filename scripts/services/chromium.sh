#!/usr/bin/env bash
# Ensure a headless-capable Chromium for the e2e tests.
#
#   bash scripts/services/chromium.sh     # prints CALLKPI_TEST_CHROMIUM=/usr/bin/chromium
#
# Chromium comes only from Debian's `chromium` package, never from a browser download (no
# `npx playwright install`, no puppeteer download). $CALLKPI_TEST_CHROMIUM (default /usr/bin/chromium)
# is accepted when it prints a version and renders a data: URL headless within 60 s.
set -euo pipefail
SVC_NAME=chromium
# shellcheck source=scripts/services/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BIN="${CALLKPI_TEST_CHROMIUM:-/usr/bin/chromium}"

# Flags for running as root on a machine without network: see the e2e tests.
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --disable-dev-shm-usage)

works() {
  [ -x "$BIN" ] || return 1
  local version profile dom
  version=$("$BIN" --version 2>/dev/null) || return 1
  profile=$(mktemp -d "${TMPDIR:-/tmp}/callkpi-chromium-XXXXXX")
  dom=$(timeout 60 "$BIN" "${FLAGS[@]}" --user-data-dir="$profile" \
    --dump-dom 'data:text/html,<p id=x>callkpi-chromium-ok</p>' 2>"$SVC_LOG_DIR/chromium-smoke.log" || true)
  rm -rf "$profile"
  if [[ "$dom" != *callkpi-chromium-ok* ]]; then
    svc_log "$BIN ($version) did not render a page headless; see $SVC_LOG_DIR/chromium-smoke.log"
    return 1
  fi
  svc_log "ready: $BIN ($version)"
  echo "CALLKPI_TEST_CHROMIUM=$BIN"
  exit 0
}

works || true
if [ "$BIN" != /usr/bin/chromium ]; then
  svc_log "$BIN does not work; trying Debian's /usr/bin/chromium"
  BIN=/usr/bin/chromium
  works || true
fi
if [ ! -x /usr/bin/chromium ]; then
  svc_log "chromium not installed; installing Debian's package"
  svc_apt_install chromium || svc_fail "could not install chromium from Debian's packages"
  works || true
fi
svc_fail "$BIN is installed but does not start headless (see $SVC_LOG_DIR/chromium-smoke.log)"
