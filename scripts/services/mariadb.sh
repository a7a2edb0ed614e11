#!/usr/bin/env bash
# Ensure a MariaDB server for the services tests, on loopback only.
#
#   bash scripts/services/mariadb.sh     # prints CALLKPI_TEST_MARIADB_URL=mysql://root@127.0.0.1:3306/test
#
# $CALLKPI_TEST_MARIADB_URL (default mysql://root@127.0.0.1:3306/test) is checked by logging in over
# TCP; the database in it is created when missing. When nothing answers and the host is local:
# install Debian's mariadb-server/mariadb-client if missing, start /usr/sbin/mariadbd with
# start-stop-daemon bound to 127.0.0.1 (no systemd), wait up to 60 s, and, on a fresh Debian install
# whose root logs in only through the unix socket, let the URL's user log in over TCP from 127.0.0.1.
set -euo pipefail
SVC_NAME=mariadb
# shellcheck source=scripts/services/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

URL="${CALLKPI_TEST_MARIADB_URL:-mysql://root@127.0.0.1:3306/test}"
START_TIMEOUT="${CALLKPI_MARIADB_START_TIMEOUT:-60}"
re='^(mysql|mariadb)://([^:@/]+)(:([^@]*))?@([^:/]+)(:([0-9]+))?/([A-Za-z0-9_]+)$'
[[ "$URL" =~ $re ]] || svc_fail "cannot parse CALLKPI_TEST_MARIADB_URL=$URL (want mysql://user[:pass]@host[:port]/db)"
DB_USER="${BASH_REMATCH[2]}" DB_PASS="${BASH_REMATCH[4]}" DB_HOST="${BASH_REMATCH[5]}"
DB_PORT="${BASH_REMATCH[7]:-3306}" DB_NAME="${BASH_REMATCH[8]}"
[ "$DB_HOST" = localhost ] && DB_HOST=127.0.0.1

client() { command -v mariadb 2>/dev/null || command -v mysql 2>/dev/null; }
admin() { command -v mariadb-admin 2>/dev/null || command -v mysqladmin 2>/dev/null; }

# Run SQL over TCP as the URL's user.
tcp_sql() {
  MYSQL_PWD="$DB_PASS" "$(client)" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" \
    --connect-timeout=5 -N -B -e "$1" 2>/dev/null
}

ok() {
  tcp_sql "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\`" >/dev/null ||
    svc_fail "logged in as $DB_USER but could not create database $DB_NAME"
  svc_log "ready at $DB_HOST:$DB_PORT (MariaDB $(tcp_sql 'SELECT VERSION()' || echo '?'))"
  echo "CALLKPI_TEST_MARIADB_URL=$URL"
  exit 0
}

t0=$(svc_now)
if [ -n "$(client || true)" ] && tcp_sql 'SELECT 1' >/dev/null; then ok; fi

case "$DB_HOST" in
  127.* | ::1) ;;
  *) svc_fail "MariaDB at $DB_HOST:$DB_PORT does not answer and is not local: cannot start it" ;;
esac

pkgs=()
[ -x /usr/sbin/mariadbd ] || pkgs+=(mariadb-server)
[ -n "$(client || true)" ] && [ -n "$(admin || true)" ] || pkgs+=(mariadb-client)
if [ "${#pkgs[@]}" -gt 0 ]; then
  svc_log "installing ${pkgs[*]} from Debian's packages"
  svc_apt_install "${pkgs[@]}" || svc_fail "could not install ${pkgs[*]} from Debian's packages"
  [ -x /usr/sbin/mariadbd ] || svc_fail "mariadb-server installed but /usr/sbin/mariadbd is missing"
fi

alive() { "$(admin)" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" --connect-timeout=2 ping >/dev/null 2>&1; }

if ! alive; then
  svc_can_root || svc_fail "MariaDB is not running on $DB_HOST:$DB_PORT and starting it needs root"
  if svc_port_busy "$DB_PORT"; then
    svc_fail "port $DB_PORT on 127.0.0.1 is taken by something that is not MariaDB"
  fi
  svc_as_root install -d -o mysql -g mysql -m 0755 /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    svc_log "initialising /var/lib/mysql"
    svc_as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql >"$SVC_LOG_DIR/mariadb-install-db.log" 2>&1 ||
      svc_fail "mariadb-install-db failed (see $SVC_LOG_DIR/mariadb-install-db.log)"
  fi
  svc_log "starting /usr/sbin/mariadbd (127.0.0.1:$DB_PORT) with start-stop-daemon"
  svc_as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- \
    --user=mysql --bind-address=127.0.0.1 --port="$DB_PORT" >&2 || svc_fail "start-stop-daemon could not start mariadbd"
  for _ in $(seq 1 $((START_TIMEOUT * 2))); do
    alive && break
    sleep 0.5
  done
  alive || svc_fail "mariadbd did not answer on 127.0.0.1:$DB_PORT within ${START_TIMEOUT}s (see /var/log/mysql/)"
  svc_log "mariadbd started in $(svc_elapsed "$t0") s"
fi

if tcp_sql 'SELECT 1' >/dev/null; then ok; fi

# The server runs but the URL's user cannot log in over TCP: a fresh Debian install, where root
# logs in only through the unix socket. Fix that through the socket as the OS root user.
svc_can_root || svc_fail "MariaDB answers but $DB_USER cannot log in over TCP (and no root to fix it)"
svc_log "letting $DB_USER log in over TCP from 127.0.0.1 (test server setup)"
pw_sql="'$(printf '%s' "$DB_PASS" | sed "s/'/''/g")'"
fix="CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY $pw_sql;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;"
if [ "$DB_USER" = root ]; then
  fix="$fix ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD($pw_sql);"
fi
fix="$fix FLUSH PRIVILEGES;"
svc_as_root "$(client)" --protocol=SOCKET -uroot -e "$fix" >&2 ||
  svc_fail "MariaDB answers but $DB_USER cannot log in over TCP, and granting access through the socket failed"
tcp_sql 'SELECT 1' >/dev/null || svc_fail "MariaDB answers but $DB_USER still cannot log in over TCP"
ok
