#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free local port for the store's tests, and prints
# its folder and the URL to put in TRIBUNE_TEST_POSTGRES:
#
#     read -r dir url < <(bash .ci/postgres.sh)
#     TRIBUNE_TEST_POSTGRES=$url swift test --traits Postgres
#     bash .ci/postgres.sh stop "$dir"
#
# `stop DIR` stops the cluster and removes its folder. Root cannot run postgres: as root, the
# cluster runs as the `postgres` user the package creates (created here if it is missing).
# The port is the first free one from TRIBUNE_TEST_POSTGRES_PORT (default 55432) up.
set -euo pipefail

postgres_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# Runs a command line as the user that owns the cluster.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- sh -c "$1"
    else
        sh -c "$1"
    fi
}

if [ "${1:-}" = "stop" ]; then
    dir=${2:?usage: postgres.sh stop DIR}
    case $dir in /tmp/tribune-postgres.*) ;; *) echo "postgres.sh: not a cluster folder: $dir" >&2; exit 1 ;; esac
    bin=$(postgres_bin)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
        as_owner "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit 0
fi

if [ -z "$(postgres_bin)" ]; then
    echo "postgres.sh: installing the server" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi
bin=$(postgres_bin)
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
fi

dir=$(mktemp -d /tmp/tribune-postgres.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --no-sync" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }

# A port is free when nothing answers on it; if another process takes it between the check and
# the start, the start fails and the next port is tried.
port=${TRIBUNE_TEST_POSTGRES_PORT:-55432}
last=$((port + 100))
started=no
while [ "$port" -lt "$last" ]; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        if as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 30 -o \"-p $port -k '$dir' \
            -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" \
            >/dev/null 2>&1; then
            started=yes
            break
        fi
    fi
    port=$((port + 1))
done
if [ "$started" != yes ]; then
    echo "postgres.sh: could not start a server on ports ${TRIBUNE_TEST_POSTGRES_PORT:-55432}-$((last - 1))" >&2
    [ -f "$dir/server.log" ] && cat "$dir/server.log" >&2
    rm -rf "$dir"
    exit 1
fi
as_owner "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -q -c 'CREATE DATABASE tribune_test'" >/dev/null
echo "$dir postgres://postgres@127.0.0.1:$port/tribune_test"
