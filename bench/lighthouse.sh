#!/usr/bin/env bash
# Lighthouse benchmark of the clinic site: a measurement to read, not a test that fails.
#
#   bench/lighthouse.sh                                  # build a throw-away demo site, serve, measure
#   RUNS=1 bench/lighthouse.sh                           # one run per page (quicker, noisier)
#   BASE_URL=http://127.0.0.1:8000 bench/lighthouse.sh   # measure a server that is already running
#
# Environment: RUNS (runs per page, default 3; the table shows the median of each column),
# OUT_DIR (where the Lighthouse JSON reports go, default artifacts/lighthouse/<UTC time>/),
# CHROME_PATH (default /usr/bin/chromium). See bench/README.md for the latest results.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(dirname "$BENCH_DIR")"
PYTHON="$PROJECT_ROOT/.venv/bin/python"
RUNS="${RUNS:-3}"
OUT_DIR="${OUT_DIR:-$PROJECT_ROOT/artifacts/lighthouse/$(date -u +%Y%m%dT%H%M%SZ)}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

# The pages a visitor is most likely to land on.
PAGES=(
    "home=/"
    "prp=/services/prp-hair-restoration/"
    "faqs=/faqs/"
    "contact=/contact/"
)

# Headless Chromium as root in a container: no sandbox, no GPU; and nothing in the background
# (updates, sync, QUIC probes) that could add network or CPU noise to the measurement.
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking"
CHROME_FLAGS+=" --disable-component-update --disable-sync --no-first-run --disable-quic"
CHROME_FLAGS+=" --disable-dev-shm-usage"

# 1. Lighthouse itself, pinned in bench/package-lock.json (bench/node_modules is git-ignored).
if [[ ! -x "$BENCH_DIR/node_modules/.bin/lighthouse" ]]; then
    echo "Installing the benchmark's dependencies (npm ci in bench/)…"
    (cd "$BENCH_DIR" && npm ci --no-audit --no-fund)
fi
LIGHTHOUSE="$BENCH_DIR/node_modules/.bin/lighthouse"

# 2. A site to measure: the one at BASE_URL, or a throw-away demo site with production settings
# (DEBUG off, hashed and compressed static files via whitenoise), like tests/server.py builds.
WORKDIR=""
SERVER_PID=""
cleanup() {
    # Stop only the gunicorn this script started, then delete its temporary site.
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$WORKDIR" ]]; then
        rm -rf "$WORKDIR"
    fi
}
trap cleanup EXIT INT TERM

if [[ -z "${BASE_URL:-}" ]]; then
    WORKDIR="$(mktemp -d -t clinic-lighthouse.XXXXXX)"
    # Only this script's children see these; the developer's own environment is untouched.
    export DJANGO_SETTINGS_MODULE=mysite.settings.production
    DJANGO_SECRET_KEY="lighthouse-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
    export DJANGO_SECRET_KEY
    export DATABASE_URL="sqlite:///$WORKDIR/db.sqlite3"
    export DJANGO_MEDIA_ROOT="$WORKDIR/media"
    export DJANGO_STATIC_ROOT="$WORKDIR/static"
    export DJANGO_ALLOWED_HOSTS="127.0.0.1"
    export DJANGO_HTTPS=0  # plain HTTP on loopback: no HTTPS redirect, HSTS or Secure cookies

    echo "Building a demo site in $WORKDIR…"
    (
        cd "$PROJECT_ROOT"
        "$PYTHON" manage.py migrate --noinput >/dev/null
        "$PYTHON" manage.py load_demo_content >/dev/null
        "$PYTHON" manage.py collectstatic --noinput >/dev/null
    )

    # A free port picked by the OS, so parallel runs and a developer's runserver don't clash.
    PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    BASE_URL="http://127.0.0.1:$PORT"
    (cd "$PROJECT_ROOT" && exec "$PROJECT_ROOT/.venv/bin/gunicorn" mysite.wsgi \
        --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 >"$WORKDIR/gunicorn.log" 2>&1) &
    SERVER_PID=$!

    # Wait (up to 30 s) until the home page answers.
    for _ in $(seq 150); do
        if curl -fs -o /dev/null "$BASE_URL/"; then break; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$WORKDIR/gunicorn.log" >&2
            echo "gunicorn did not start" >&2
            exit 1
        fi
        sleep 0.2
    done
fi
BASE_URL="${BASE_URL%/}"

# Warm up: the first view of a page with a picture makes Wagtail create its renditions (9 per
# image, AVIF encoding takes seconds), which a live site has done long ago. Without this the
# first run measures a ~5 s server response instead of the page.
# It also checks that every page answers before spending minutes measuring error pages.
for entry in "${PAGES[@]}"; do
    if ! curl -fsS -o /dev/null "$BASE_URL${entry#*=}"; then
        echo "$BASE_URL${entry#*=} does not answer 200; nothing to measure" >&2
        exit 1
    fi
done

echo "Measuring $BASE_URL with $("$LIGHTHOUSE" --version 2>/dev/null | tail -1) and $("$CHROME_PATH" --version 2>/dev/null)"

# 3. Lighthouse, mobile preset (its default form factor and simulated slow-4G/CPU throttling),
# RUNS times per page. A page is retried once if Lighthouse fails or reports a runtime error
# such as NO_NAVSTART, which headless Chromium occasionally produces on a cold start.
mkdir -p "$OUT_DIR"
run_lighthouse() {  # run_lighthouse URL OUTPUT.json → 0 when the report has no runtime error
    "$LIGHTHOUSE" "$1" --quiet --output=json --output-path="$2" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="$CHROME_FLAGS" || return 1
    node -e 'const r = require(process.argv[1]); process.exit(r.runtimeError ? 1 : 0)' "$2"
}

for run in $(seq "$RUNS"); do
    for entry in "${PAGES[@]}"; do
        name="${entry%%=*}"
        url="$BASE_URL${entry#*=}"
        report="$OUT_DIR/$name-run$run.json"
        echo "  run $run/$RUNS: $url"
        if ! run_lighthouse "$url" "$report"; then
            echo "    Lighthouse failed or reported a runtime error; retrying once" >&2
            run_lighthouse "$url" "$report" || echo "    failed again; see $report" >&2
        fi
    done
done

# 4. The table: the median of each column over the runs of a page. Scores are 0–100; LCP in
# seconds, TBT in milliseconds (both simulated for a mid-range phone on slow 4G); CLS unitless.
echo
status=0
node - "$OUT_DIR" "${PAGES[@]}" <<'JS' || status=$?
const fs = require("fs");
const path = require("path");
const [outDir, ...pages] = process.argv.slice(2);
const median = (values) => {
    const v = values.filter((x) => typeof x === "number").sort((a, b) => a - b);
    if (!v.length) return NaN;
    const mid = Math.floor(v.length / 2);
    return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const rows = [["page", "performance", "accessibility", "best practices", "SEO", "LCP", "CLS", "TBT", "runs"]];
const failing = [];
for (const entry of pages) {
    const [name, urlPath] = entry.split(/=(.*)/s);
    const reports = fs.readdirSync(outDir)
        .filter((f) => f.startsWith(`${name}-run`) && f.endsWith(".json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(outDir, f), "utf8")))
        .filter((r) => !r.runtimeError);
    if (!reports.length) {
        rows.push([urlPath, "failed", "", "", "", "", "", "", "0"]);
        process.exitCode = 1;
        continue;
    }
    const score = (id) => Math.round(median(reports.map((r) => r.categories[id].score)) * 100);
    const metric = (id) => median(reports.map((r) => r.audits[id].numericValue));
    rows.push([
        urlPath,
        score("performance"), score("accessibility"), score("best-practices"), score("seo"),
        `${(metric("largest-contentful-paint") / 1000).toFixed(1)} s`,
        metric("cumulative-layout-shift").toFixed(3),
        `${Math.round(metric("total-blocking-time"))} ms`,
        reports.length,
    ].map(String));
    // Which audits cost points, so the table says where to look next.
    for (const r of reports.slice(0, 1)) {
        for (const [id, cat] of Object.entries(r.categories)) {
            if (id === "performance") continue;
            for (const ref of cat.auditRefs) {
                const a = r.audits[ref.id];
                if (ref.weight > 0 && a.score !== null && a.score < 1) failing.push(`${urlPath}: ${id} / ${a.id} — ${a.title}`);
            }
        }
    }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
rows.slice(1).forEach((row) => console.log(line(row)));
if (failing.length) console.log(`\nAudits losing points (first run of each page):\n  ${failing.join("\n  ")}`);
JS
echo
echo "Reports: $OUT_DIR (open one in https://googlechrome.github.io/lighthouse/viewer/ or read the JSON)"
exit "$status"  # non-zero only when a page could not be measured at all
