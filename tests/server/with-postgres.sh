#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command against a throwaway PostgreSQL cluster: initdb in a fresh
# directory, a server listening only on a Unix socket in that directory,
# the three roles duka-server expects, then the command, then the cluster
# is stopped and removed.  PostgreSQL refuses to run as root, so as root
# the cluster belongs to the postgres user.
#
# Exports DUKA_TEST_DATABASE_URL (the server's role), DUKA_TEST_MIGRATIONS_URL
# (the owner) and DUKA_TEST_ADMIN_URL (a superuser, for the tests' own
# checks).  Skips (exit 77) when PostgreSQL is not installed.
set -eu

bindir=${DUKA_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && bindir=$dir
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "1..0 # SKIP PostgreSQL server binaries are not installed"
  exit 77
fi

# Not under TMPDIR: the test's private temp folder is closed to postgres.
cluster=$(mktemp -d /tmp/duka-pg.XXXXXX)
as_owner=""
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$cluster"
  as_owner="runuser -u postgres --"
fi

cleanup() {
  $as_owner "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT INT TERM

$as_owner "$bindir/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 --no-locale \
  >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }

# Durability off: these clusters live for seconds.
$as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -s \
  -o "-c listen_addresses='' -c unix_socket_directories='$cluster' -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
  start || { cat "$cluster/server.log" >&2; exit 1; }

admin="host=$cluster user=postgres dbname=postgres"
"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$admin" <<'SQL'
CREATE ROLE duka_owner LOGIN BYPASSRLS;
CREATE ROLE duka_api NOLOGIN NOBYPASSRLS;
CREATE ROLE duka_server LOGIN NOBYPASSRLS IN ROLE duka_api;
CREATE DATABASE duka OWNER duka_owner;
SQL

export DUKA_TEST_DATABASE_URL="host=$cluster dbname=duka user=duka_server"
export DUKA_TEST_MIGRATIONS_URL="host=$cluster dbname=duka user=duka_owner"
export DUKA_TEST_ADMIN_URL="host=$cluster dbname=duka user=postgres"
export DUKA_TEST_PG_BINDIR="$bindir"

status=0
"$@" || status=$?
exit $status
