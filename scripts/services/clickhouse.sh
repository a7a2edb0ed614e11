#!/usr/bin/env bash
# Ensure a ClickHouse server for the services tests, on loopback only.
#
#   bash scripts/services/clickhouse.sh [start]   # default: ensure it runs, print CALLKPI_TEST_CLICKHOUSE_URL=...
#   bash scripts/services/clickhouse.sh status    # print the URL if a server answers, else exit 1
#   bash scripts/services/clickhouse.sh stop      # stop the server this script started
#
# Order of preference (first that answers `SELECT 1` over HTTP wins, so a second run is instant):
#   1. $CALLKPI_TEST_CLICKHOUSE_URL, when already set;
#   2. the server this script started earlier (its URL is kept in $CH_HOME/url);
#   3. anything answering on http://127.0.0.1:$CALLKPI_CLICKHOUSE_HTTP_PORT (default 8123);
#   4. otherwise: install Debian's clickhouse-server/clickhouse-client if missing (an old 18.16
#      release on Debian 12) and start /usr/sbin/clickhouse-server as a background daemon, as the
#      current user, with its own config, users, data and logs under $CH_HOME, listening on
#      127.0.0.1 only (HTTP 8123 and native 9000, or the next free pair 18123/19000, ... when
#      those ports are taken). No systemd, no /etc/clickhouse-server, no `clickhouse` user needed.
#
# Env: CALLKPI_CLICKHOUSE_HOME (default /var/lib/callkpi-test-clickhouse as root, else
#      ${TMPDIR:-/tmp}/callkpi-test-clickhouse-<uid>), CALLKPI_CLICKHOUSE_HTTP_PORT (8123),
#      CALLKPI_CLICKHOUSE_TCP_PORT (9000), CALLKPI_CLICKHOUSE_START_TIMEOUT (60 seconds).
set -euo pipefail
SVC_NAME=clickhouse
# shellcheck source=scripts/services/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ "$(id -u)" = 0 ]; then
  CH_HOME="${CALLKPI_CLICKHOUSE_HOME:-/var/lib/callkpi-test-clickhouse}"
else
  CH_HOME="${CALLKPI_CLICKHOUSE_HOME:-${TMPDIR:-/tmp}/callkpi-test-clickhouse-$(id -u)}"
fi
HTTP_PORT="${CALLKPI_CLICKHOUSE_HTTP_PORT:-8123}"
TCP_PORT="${CALLKPI_CLICKHOUSE_TCP_PORT:-9000}"
START_TIMEOUT="${CALLKPI_CLICKHOUSE_START_TIMEOUT:-60}"
PID_FILE="$CH_HOME/clickhouse-server.pid"
URL_FILE="$CH_HOME/url"

# ch_query URL SQL -> prints the body; non-zero unless HTTP 200. Uses curl, else Node's fetch.
ch_query() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 --data-binary "$2" "${1%/}/" 2>/dev/null
  else
    node -e '
      const [url, sql] = process.argv.slice(1);
      fetch(url.replace(/\/+$/, "") + "/", { method: "POST", body: sql, signal: AbortSignal.timeout(5000) })
        .then(async (r) => { const t = await r.text(); if (!r.ok) process.exit(1); process.stdout.write(t); })
        .catch(() => process.exit(1));' "$1" "$2" 2>/dev/null
  fi
}

# True when URL is a ClickHouse server answering SELECT 1.
ch_answers() { [ -n "$1" ] && [ "$(ch_query "$1" 'SELECT 1' || true)" = 1 ]; }

ch_version() { ch_query "$1" 'SELECT version()' || echo unknown; }

ch_binary() {
  local b
  for b in /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
    if [ -x "$b" ]; then echo "$b"; return 0; fi
  done
  command -v clickhouse-server 2>/dev/null
}

# True when the pid in $PID_FILE is alive and is a clickhouse process (not a recycled pid).
ch_pid_alive() {
  local pid
  [ -f "$PID_FILE" ] && pid=$(cat "$PID_FILE") && kill -0 "$pid" 2>/dev/null &&
    grep -aq clickhouse "/proc/$pid/cmdline" 2>/dev/null
}

ch_stop() {
  if ch_pid_alive; then
    local pid i
    pid=$(cat "$PID_FILE")
    svc_log "stopping clickhouse-server (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$PID_FILE" "$URL_FILE"
}

ch_ok() {
  # $1 = URL that answers; print version on stderr and the env var on stdout.
  svc_log "ready at $1 (ClickHouse $(ch_version "$1"))"
  echo "CALLKPI_TEST_CLICKHOUSE_URL=$1"
  exit 0
}

ch_write_config() {
  local http="$1" tcp="$2"
  mkdir -p "$CH_HOME/data" "$CH_HOME/tmp" "$CH_HOME/user_files" "$CH_HOME/format_schemas" "$CH_HOME/log"
  # Written in full (not a config.d override of /etc/clickhouse-server/config.xml): that file is the
  # system service's, points at /var/lib/clickhouse and /var/log/clickhouse-server (owned by user
  # clickhouse) and opens the interserver port 9009; this one opens only the two ports below.
  cat >"$CH_HOME/config.xml" <<EOF
<?xml version="1.0"?>
<!-- Written by scripts/services/clickhouse.sh; rewritten at every start. Test server only. -->
<yandex>
    <logger>
        <level>warning</level>
        <log>$CH_HOME/log/clickhouse-server.log</log>
        <errorlog>$CH_HOME/log/clickhouse-server.err.log</errorlog>
        <size>50M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$http</http_port>
    <tcp_port>$tcp</tcp_port>
    <max_connections>256</max_connections>
    <keep_alive_timeout>10</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <path>$CH_HOME/data/</path>
    <tmp_path>$CH_HOME/tmp/</tmp_path>
    <user_files_path>$CH_HOME/user_files/</user_files_path>
    <format_schema_path>$CH_HOME/format_schemas/</format_schema_path>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mlock_executable>false</mlock_executable>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
  cat >"$CH_HOME/users.xml" <<'EOF'
<?xml version="1.0"?>
<!-- Written by scripts/services/clickhouse.sh. User "default", no password, loopback only. -->
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
EOF
}

ch_start() {
  local bin t0 http tcp pid url i
  t0=$(svc_now)

  if [ -n "${CALLKPI_TEST_CLICKHOUSE_URL:-}" ]; then
    if ch_answers "$CALLKPI_TEST_CLICKHOUSE_URL"; then ch_ok "${CALLKPI_TEST_CLICKHOUSE_URL%/}"; fi
    svc_log "CALLKPI_TEST_CLICKHOUSE_URL=$CALLKPI_TEST_CLICKHOUSE_URL does not answer; starting a local server"
  fi
  if [ -f "$URL_FILE" ] && ch_answers "$(cat "$URL_FILE")"; then ch_ok "$(cat "$URL_FILE")"; fi
  if ch_answers "http://127.0.0.1:$HTTP_PORT"; then ch_ok "http://127.0.0.1:$HTTP_PORT"; fi

  bin=$(ch_binary || true)
  if [ -z "$bin" ]; then
    svc_log "clickhouse-server not installed; installing Debian's package"
    svc_apt_install clickhouse-server clickhouse-client ||
      svc_fail "could not install clickhouse-server from Debian's packages (see $SVC_LOG_DIR/apt-$SVC_NAME.log)"
    bin=$(ch_binary || true)
    [ -n "$bin" ] || svc_fail "clickhouse-server package installed but no clickhouse-server binary found"
  fi

  mkdir -p "$CH_HOME" 2>/dev/null || svc_fail "cannot create $CH_HOME (set CALLKPI_CLICKHOUSE_HOME)"
  [ -w "$CH_HOME" ] || svc_fail "$CH_HOME is not writable (set CALLKPI_CLICKHOUSE_HOME)"

  # Our own server from an earlier run still alive but not answering (hung or still starting)?
  if ch_pid_alive; then
    svc_log "our clickhouse-server (pid $(cat "$PID_FILE")) does not answer; restarting it"
    ch_stop
  fi

  # Pick a free HTTP/native port pair on 127.0.0.1.
  http="$HTTP_PORT" tcp="$TCP_PORT"
  for i in 0 1 2 3 4 5; do
    if [ "$i" -gt 0 ]; then http=$((18123 + i * 10 - 10)) tcp=$((19000 + i * 10 - 10)); fi
    if ! svc_port_busy "$http" && ! svc_port_busy "$tcp"; then break; fi
    svc_log "port $http or $tcp on 127.0.0.1 is taken by something that is not a ClickHouse answering SELECT 1"
    http="" tcp=""
  done
  [ -n "$http" ] || svc_fail "no free HTTP/native port pair on 127.0.0.1 (tried 8123/9000 and 18123/19000..18163/19040)"

  ch_write_config "$http" "$tcp"
  svc_log "starting $bin --config-file=$CH_HOME/config.xml (127.0.0.1, HTTP $http, native $tcp, logs in $CH_HOME/log)"
  # setsid: own session, so it outlives this script and the test run and ignores their signals.
  (cd "$CH_HOME" && exec setsid "$bin" --config-file="$CH_HOME/config.xml" \
    </dev/null >"$CH_HOME/log/stdout.log" 2>&1) &
  pid=$!
  echo "$pid" >"$PID_FILE"
  url="http://127.0.0.1:$http"

  for i in $(seq 1 $((START_TIMEOUT * 4))); do
    if ch_answers "$url"; then
      echo "$url" >"$URL_FILE"
      svc_log "started (pid $pid) in $(svc_elapsed "$t0") s"
      ch_ok "$url"
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      svc_log "clickhouse-server exited during start-up; last log lines:"
      tail -n 20 "$CH_HOME/log/stdout.log" "$CH_HOME/log/clickhouse-server.err.log" 2>/dev/null | sed 's/^/    /' >&2
      rm -f "$PID_FILE"
      svc_fail "clickhouse-server exited during start-up (logs in $CH_HOME/log)"
    fi
    sleep 0.25
  done
  svc_log "no answer to SELECT 1 on $url after ${START_TIMEOUT}s; last log lines:"
  tail -n 20 "$CH_HOME/log/clickhouse-server.err.log" 2>/dev/null | sed 's/^/    /' >&2
  ch_stop
  svc_fail "clickhouse-server did not answer SELECT 1 on $url within ${START_TIMEOUT}s (logs in $CH_HOME/log)"
}

case "${1:-start}" in
  start) ch_start ;;
  stop) ch_stop ;;
  status)
    for u in "${CALLKPI_TEST_CLICKHOUSE_URL:-}" "$(cat "$URL_FILE" 2>/dev/null || true)" "http://127.0.0.1:$HTTP_PORT"; do
      if ch_answers "$u"; then ch_ok "${u%/}"; fi
    done
    svc_fail "no ClickHouse answers"
    ;;
  *)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac
