#!/usr/bin/env bash
# Load benchmark of the clinic site under gunicorn: a measurement to read, not a test that fails.
#
#   bench/load.sh                      # build a throw-away demo site, measure, print the tables
#   ROUNDS=1 DURATION=5 bench/load.sh  # quicker, noisier
#
# For each URL (home, the PRP page, a search, an API listing, and a static file as the floor)
# it runs wrk against gunicorn with production settings on 127.0.0.1, first with the page
# cache off ("uncached": every request renders) and then on ("cached"), and prints requests/s
# and p50/p99 latency (median of ROUNDS runs). Then a SOAK_SECONDS run of SOAK_CONNECTIONS
# connections on the PRP page, uncached, with the workers' memory (RSS) before and after.
#
# Environment: ROUNDS (3), DURATION (seconds per run, 10), CONNECTIONS (8), THREADS (wrk
# threads, 1: wrk shares the 2 cores with gunicorn), SOAK_SECONDS (60), SOAK_CONNECTIONS (32),
# GUNICORN_WORKERS (gunicorn.conf.py's default: 2 × cores + 1), REDIS_URL (the page cache's
# shared cache; default redis://127.0.0.1:6379/15, which is FLUSHED), DATABASE_URL (default: a
# SQLite file in the temporary site). Needs wrk (`apt-get install wrk`), curl and Redis.
# See bench/README.md ("Load") for the latest results.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(dirname "$BENCH_DIR")"
PYTHON="$PROJECT_ROOT/.venv/bin/python"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-1}"
SOAK_SECONDS="${SOAK_SECONDS:-60}"
SOAK_CONNECTIONS="${SOAK_CONNECTIONS:-32}"
BENCH_REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/15}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

WORKDIR="$(mktemp -d -t clinic-load.XXXXXX)"
SERVER_PID=""
stop_server() {
    # Only the gunicorn this script started (its master; the workers follow it).
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    rm -rf "$WORKDIR"
}
trap cleanup EXIT INT TERM

# Only this script's children see these; the developer's own environment is untouched.
export DJANGO_SETTINGS_MODULE=mysite.settings.production
DJANGO_SECRET_KEY="load-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
export DJANGO_SECRET_KEY
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORKDIR/db.sqlite3}"
export DJANGO_MEDIA_ROOT="$WORKDIR/media"
export DJANGO_STATIC_ROOT="$WORKDIR/static"
export DJANGO_ALLOWED_HOSTS="127.0.0.1"
export DJANGO_HTTPS=0           # plain HTTP on loopback: no redirect, HSTS or Secure cookies
export DJANGO_TASKS_WORKER=0    # renditions made straight after publishing; no worker to run
export REDIS_URL="$BENCH_REDIS_URL"
unset SEARCH_BACKEND_URL

"$PYTHON" - "$REDIS_URL" <<'EOF'
import sys

import redis

redis.Redis.from_url(sys.argv[1]).flushdb()  # a clean page cache, sessions and renditions
EOF

echo "Building a demo site in $WORKDIR…"
(
    cd "$PROJECT_ROOT"
    "$PYTHON" manage.py migrate --noinput >/dev/null
    # Static files first: publishing the demo pages renders them to make their renditions.
    "$PYTHON" manage.py collectstatic --noinput >/dev/null
    "$PYTHON" manage.py load_demo_content >/dev/null
)
STYLESHEET="$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["paths"]["css/site.css"])' "$WORKDIR/static/staticfiles.json")"

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE_URL="http://127.0.0.1:$PORT"

start_server() {  # start_server PAGE_CACHE_SECONDS [MAX_REQUESTS]
    # gunicorn.conf.py (workers, sync worker class, timeouts, access log) as in production;
    # the access log goes to a file so it doesn't flood the terminal.
    (cd "$PROJECT_ROOT" && DJANGO_PAGE_CACHE_SECONDS="$1" \
        GUNICORN_MAX_REQUESTS="${2:-2000}" GUNICORN_ACCESS_LOG="$WORKDIR/access.log" \
        exec "$PROJECT_ROOT/.venv/bin/gunicorn" mysite.wsgi --bind "127.0.0.1:$PORT" \
        --no-control-socket >>"$WORKDIR/gunicorn.log" 2>&1) &
    SERVER_PID=$!
    for _ in $(seq 300); do
        if curl -fs -o /dev/null "$BASE_URL/healthz"; then return 0; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$WORKDIR/gunicorn.log" >&2
            echo "gunicorn did not start" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "gunicorn did not answer /healthz" >&2
    exit 1
}

TARGETS=(
    "home|/"
    "PRP page|/services/prp-hair-restoration/"
    "search|/search/?q=how+many+sessions"
    "API listing|/api/v2/pages/?type=services.ServicePage&fields=*"
    "static file (floor)|/static/$STYLESHEET"
)

# wrk's summary → "requests/s p50 p99 errors" (latencies in ms).
run_wrk() {  # run_wrk CONNECTIONS SECONDS URL
    # A generous client timeout: a slow answer is measured in p99, not counted as an error.
    wrk -t"$THREADS" -c"$1" -d"$2s" --timeout 30s --latency "$3" | awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v
        }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx or 3xx/ { errors += $NF }
        /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
        END {
            if (rps == "") { print "0 0 0 1"; exit }  # wrk failed: count it as an error
            printf "%.0f %.1f %.1f %d\n", rps, p50, p99, errors + 0
        }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() {  # measure LABEL → appends "label|rps|p50|p99|errors" rows to $WORKDIR/$LABEL
    local label="$1"
    for target in "${TARGETS[@]}"; do
        local name="${target%%|*}" path="${target#*|}"
        # Warm up: renditions, per-process caches, and (cached) the page cache itself.
        for _ in 1 2 3; do curl -fs -o /dev/null "$BASE_URL$path"; done
        local results=()
        for _ in $(seq "$ROUNDS"); do
            results+=("$(run_wrk "$CONNECTIONS" "$DURATION" "$BASE_URL$path")")
        done
        local rps p50 p99 errors cache
        rps="$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)"
        p50="$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)"
        p99="$(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)"
        errors="$(printf '%s\n' "${results[@]}" | awk '{ s += $4 } END { print s }')"
        cache="$(curl -fs -o /dev/null -D - "$BASE_URL$path" | awk 'tolower($1) == "x-cache:" { print $2 }' | tr -d '\r')"
        echo "$name|$rps|$p50|$p99|$errors|${cache:--}" >>"$WORKDIR/$label"
        echo "  $label $name: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors, X-Cache ${cache:--}"
    done
}

worker_rss() {  # total and per-worker RSS (MiB) of the gunicorn workers
    ps -o rss= --ppid "$SERVER_PID" | awk '{ t += $1; w = w sprintf("%.0f ", $1 / 1024) } END { printf "%.0f MiB (workers: %s)", t / 1024, w }'
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk: $THREADS thread(s), $CONNECTIONS connections, ${DURATION}s × $ROUNDS rounds per cell (median)"

echo "Uncached (DJANGO_PAGE_CACHE_SECONDS=0)…"
start_server 0
WORKERS="$(ps -o pid= --ppid "$SERVER_PID" | wc -l)"
measure uncached
stop_server

echo "Cached (page cache on, Redis)…"
start_server 600
measure cached
stop_server

# CPU time per request, in one process (Django's test client, no HTTP, no wrk): what a request
# costs regardless of how busy the machine is. Wall-clock figures above move with the load of a
# shared machine; these barely do. Ideal throughput ≈ cores × 1000 / ms.
echo "CPU time per request (in-process)…"
(cd "$PROJECT_ROOT" && "$PYTHON" - "${TARGETS[@]}") >"$WORKDIR/cpu" <<'EOF'
import sys
import time

import django

django.setup()
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

client = Client(HTTP_HOST="127.0.0.1")
for target in sys.argv[1:]:
    name, path = target.split("|", 1)
    costs = []
    for seconds in (0, 600):
        settings.PAGE_CACHE_SECONDS = seconds  # read by the middleware on every request
        for _ in range(3):
            client.get(path)
        count = 40 if seconds == 0 else 400
        started = time.process_time()
        for _ in range(count):
            client.get(path)
        costs.append((time.process_time() - started) / count * 1000)
    print(f"{name}|{costs[0]:.2f}|{costs[1]:.2f}")
EOF
cat "$WORKDIR/cpu"

echo "Soak: ${SOAK_SECONDS}s, $SOAK_CONNECTIONS connections, PRP page, uncached, workers never recycled…"
# max_requests off for this run, so a leak would show instead of being recycled away.
start_server 0 0
for _ in 1 2 3 4 5 6 7 8 9 10; do curl -fs -o /dev/null "$BASE_URL/services/prp-hair-restoration/"; done
RSS_BEFORE="$(worker_rss)"
SOAK="$(run_wrk "$SOAK_CONNECTIONS" "$SOAK_SECONDS" "$BASE_URL/services/prp-hair-restoration/")"
RSS_AFTER="$(worker_rss)"
stop_server

echo
echo "## Results ($(date -u '+%Y-%m-%d %H:%M UTC'), $WORKERS sync workers, $(nproc) cores)"
echo
echo "| URL | uncached req/s | p50 | p99 | cached req/s | p50 | p99 | X-Cache |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
paste -d'|' "$WORKDIR/uncached" "$WORKDIR/cached" | awk -F'|' '{
    printf "| %s | %s | %s ms | %s ms | %s | %s ms | %s ms | %s |\n", $1, $2, $3, $4, $8, $9, $10, $12
}'
ERRORS="$(cat "$WORKDIR/uncached" "$WORKDIR/cached" | awk -F'|' '{ s += $5 } END { print s }')"
echo
echo "Errors (non-2xx/3xx or socket errors) over all table runs: $ERRORS"
read -r SOAK_RPS SOAK_P50 SOAK_P99 SOAK_ERRORS <<<"$SOAK"
echo "Soak: $SOAK_RPS req/s, p50 $SOAK_P50 ms, p99 $SOAK_P99 ms, errors $SOAK_ERRORS"
echo "Worker RSS before: $RSS_BEFORE"
echo "Worker RSS after:  $RSS_AFTER"
echo
echo "| URL | CPU ms per request, uncached | cached | ideal req/s on $(nproc) cores, uncached | cached |"
echo "| --- | --- | --- | --- | --- |"
awk -F'|' -v cores="$(nproc)" '{
    printf "| %s | %s | %s | %.0f | %.0f |\n", $1, $2, $3, cores * 1000 / $2, cores * 1000 / $3
}' "$WORKDIR/cpu"
