# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh. Sourced, never run on its own.
#
# Contract of every scripts/services/<name>.sh:
#   * human-readable progress goes to stderr;
#   * on success it prints the env vars the tests read as KEY=value lines on stdout
#     (nothing else goes to stdout) and exits 0;
#   * on failure it prints ONE line "callkpi-services: <name>: <reason>" on stderr,
#     also writes that reason to "$CALLKPI_SERVICE_REASON_FILE" when that is set,
#     and exits 1.
# Installs come only from Debian's packages via apt-get (never a browser or binary download).

SVC_NAME="${SVC_NAME:-service}"
SVC_LOG_DIR="${CALLKPI_SERVICES_LOG_DIR:-${TMPDIR:-/tmp}/callkpi-services-$(id -u)}"
mkdir -p "$SVC_LOG_DIR"

svc_log() { printf '[%s] %s\n' "$SVC_NAME" "$*" >&2; }

svc_fail() {
  printf 'callkpi-services: %s: %s\n' "$SVC_NAME" "$*" >&2
  if [ -n "${CALLKPI_SERVICE_REASON_FILE:-}" ]; then
    printf '%s\n' "$*" >"$CALLKPI_SERVICE_REASON_FILE" || true
  fi
  exit 1
}

# Seconds since the epoch with decimals, for "took N s" messages.
svc_now() { date +%s.%N; }
svc_elapsed() { awk -v a="$1" -v b="$(svc_now)" 'BEGIN { printf "%.1f", b - a }'; }

# Run a command as root: directly when we are root, else through passwordless sudo.
svc_as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 126
  fi
}

svc_can_root() { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

# True when something accepts TCP connections on 127.0.0.1:$1.
svc_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# svc_apt_install PKG... : install Debian packages, non-interactively.
# `apt-get update` runs once per test-all run (stamp file $CALLKPI_APT_STAMP, shared by the
# scripts that test-all starts) or once per script when run alone. The install is retried once
# (after `dpkg --configure -a` and a fresh `apt-get update`). Output goes to a log file.
svc_apt_install() {
  command -v apt-get >/dev/null 2>&1 || { svc_log "apt-get not found (not a Debian-like system)"; return 1; }
  svc_can_root || { svc_log "need root (or passwordless sudo) to apt-get install $*"; return 1; }
  local log="$SVC_LOG_DIR/apt-$SVC_NAME.log" stamp="${CALLKPI_APT_STAMP:-}" t0 attempt
  t0=$(svc_now)
  : >"$log"
  if [ -z "$stamp" ] || [ ! -e "$stamp" ]; then
    svc_log "apt-get update"
    if svc_as_root apt-get update >>"$log" 2>&1; then
      if [ -n "$stamp" ]; then : >"$stamp"; fi
    else
      svc_log "apt-get update failed (continuing; see $log)"
    fi
  fi
  for attempt in 1 2; do
    svc_log "apt-get install $* (attempt $attempt)"
    if svc_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "$@" >>"$log" 2>&1; then
      svc_log "installed $* in $(svc_elapsed "$t0") s"
      return 0
    fi
    if [ "$attempt" = 1 ]; then
      svc_log "apt-get install failed; last lines of $log:"
      tail -n 5 "$log" | sed 's/^/    /' >&2
      sleep 3
      svc_as_root env DEBIAN_FRONTEND=noninteractive dpkg --configure -a >>"$log" 2>&1 || true
      svc_as_root apt-get update >>"$log" 2>&1 || true
    fi
  done
  svc_log "apt-get install $* failed twice; last lines of $log:"
  tail -n 15 "$log" | sed 's/^/    /' >&2
  return 1
}
