#!/usr/bin/env bash
# Starts Virtuoso (Debian's virtuoso-opensource 7, which does not start by itself here) as a
# plain process for the tests: a copy of the packaged virtuoso.ini with the database in DIR and
# two free loopback ports, the SPARQL user allowed to write (the Graph Store endpoint
# /sparql-graph-crud needs SPARQL_UPDATE). Prints the server's base URL once it answers; its
# process id is in DIR/virtuoso.pid, its log in DIR/virtuoso.log. Stop it with kill.
#
# Usage: .ci/virtuoso.sh DIR
set -euo pipefail

dir="${1:?usage: $0 DIR}"
packaged_ini=/etc/virtuoso-opensource-7/virtuoso.ini
mkdir -p "$dir"

# Two ports the system has just handed out, so that they are free (both held at once: distinct).
read -r sql_port http_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))')

# The database, its log and lock files in DIR; the SQL port (1111) and the HTTP port (8890) on
# loopback and free.
sed -e "s|/var/lib/virtuoso-opensource-7/db/|${dir}/|" \
  -e "s|^\(ServerPort[[:space:]]*=[[:space:]]*\)1111\b|\1127.0.0.1:${sql_port}|" \
  -e "s|^\(ServerPort[[:space:]]*=[[:space:]]*\)8890\b|\1127.0.0.1:${http_port}|" \
  "$packaged_ini" >"$dir/virtuoso.ini"
for expected in "DatabaseFile *= *${dir}/virtuoso.db" "ServerPort *= *127.0.0.1:${sql_port}" \
  "ServerPort *= *127.0.0.1:${http_port}"; do
  grep -q "^${expected}" "$dir/virtuoso.ini" || {
    echo "virtuoso.sh: $packaged_ini has changed; cannot set ${expected%% *}" >&2
    exit 1
  }
done

virtuoso-t -f +configfile "$dir/virtuoso.ini" >"$dir/virtuoso.out" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$dir/virtuoso.pid"

# Online when its SPARQL endpoint answers and its SQL port takes the grant (about 5 s).
base="http://127.0.0.1:${http_port}"
for _ in $(seq 1 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "virtuoso.sh: Virtuoso stopped while starting:" >&2
    cat "$dir/virtuoso.out" "$dir/virtuoso.log" >&2 2>/dev/null || true
    exit 1
  fi
  if curl -s -f -o /dev/null "${base}/sparql?query=ASK%7B%7D" &&
    isql-vt "127.0.0.1:${sql_port}" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null 2>&1; then
    echo "$base"
    exit 0
  fi
  sleep 0.2
done
echo "virtuoso.sh: Virtuoso did not answer within 60 s:" >&2
cat "$dir/virtuoso.log" >&2 2>/dev/null || true
kill "$pid" 2>/dev/null || true
exit 1
