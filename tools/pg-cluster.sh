#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the PostgreSQL archive's tests and prints its URL.
#   tools/pg-cluster.sh start DIR PORT   -> prints postgres://marsad:marsad@127.0.0.1:PORT/marsad_test
#   tools/pg-cluster.sh stop DIR
# Uses the newest /usr/lib/postgresql/*/bin (Debian's `postgresql` package). As root, the server
# runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|stop DIR [PORT]}
dir=${2:?usage: pg-cluster.sh start|stop DIR [PORT]}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" ]]; then echo "pg-cluster.sh: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; fi
as_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      as_pg "'$bin/initdb' -D '$dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir.initdb.log' 2>&1" \
        || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "'$bin/pg_ctl' -D '$dir' status" >/dev/null 2>&1; then
      as_pg "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    fi
    psql="psql -h 127.0.0.1 -p $port -U postgres -v ON_ERROR_STOP=1 -qAt"
    if [[ -z $($psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'marsad'") ]]; then
      $psql -c "CREATE ROLE marsad LOGIN PASSWORD 'marsad' CREATEDB"
    fi
    if [[ -z $($psql -c "SELECT 1 FROM pg_database WHERE datname = 'marsad_test'") ]]; then
      $psql -c "CREATE DATABASE marsad_test OWNER marsad"
    fi
    echo "postgres://marsad:marsad@127.0.0.1:$port/marsad_test"
    ;;
  stop)
    as_pg "'$bin/pg_ctl' -D '$dir' -m fast stop" >/dev/null
    ;;
  *) echo "pg-cluster.sh: unknown command $cmd (start|stop)" >&2; exit 2 ;;
esac
