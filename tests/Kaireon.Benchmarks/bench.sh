#!/usr/bin/env bash
# The HTTP benchmarks of docs/benchmarks.md, against a standalone server on a clean SQLite file.
#   tests/Kaireon.Benchmarks/bench.sh load      Respond at 500/s for 20 s after 5 s warm-up (open loop)
#   tests/Kaireon.Benchmarks/bench.sh ingest    POST /events, 4 senders x 500 events for 20 s, then the drain
#   tests/Kaireon.Benchmarks/bench.sh wrk       wrk, closed loop, 2 threads x 32 connections for 20 s (throughput only)
#   tests/Kaireon.Benchmarks/bench.sh recommend Recommend at 500/s for 20 s after 5 s warm-up (open loop, 100 offers, rules,
#                                               policies, a bandit), then wrk closed loop on Recommend and on GET /health/live
#                                               in the same server: the throughput ratio
#   tests/Kaireon.Benchmarks/bench.sh recommend-load   only the open-loop Recommend run of `recommend`
#   tests/Kaireon.Benchmarks/bench.sh all       load, ingest and wrk, each on a fresh server and database
# Environment: PORT (7071; pick another when something else may listen there), RATE, DURATION (s), WARMUP, SENDERS,
# CUSTOMERS (ingest: the customer pool the events are drawn from, 1000), INGEST_WARMUP (ingest: seconds of the same
# ingest, drained, before the measured one; 0), INGEST_RATE (ingest: events/s in all, paced; 0 sends as fast as
# the API answers), IMPLICIT=1 (recommend: the web channel records
# an impression for every decision, i.e. 3 events per Recommend through the accept-and-stream path),
# QUIET=1 (the server logs Microsoft.AspNetCore at Warning instead of the default Information: one config key, no code
# change), SERVER_ENV="VAR=value ..." (more environment for the server, e.g. runtime knobs), SKIP_BUILD=1 (reuse the
# copies of the last run).
# The server and the drivers run from private copies of their build output, so builds running at the
# same time do not replace them mid-run; the server is stopped on exit. Only 127.0.0.1 is targeted.
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${WORK:-/tmp/kaireon-bench}
ADMIN=krn_bench_key_0123456789abcdefgh
PORT=${PORT:-7071}
URL=http://127.0.0.1:$PORT
RATE=${RATE:-500}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SENDERS=${SENDERS:-4}
CUSTOMERS=${CUSTOMERS:-1000}

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -d "$WORK/app" ]; then
  dotnet build src/Kaireon.Functions -c Release -nologo -clp:ErrorsOnly -v:q
  dotnet build tests/Kaireon.Benchmarks -c Release -nologo -clp:ErrorsOnly -v:q
  rm -rf "$WORK/app" "$WORK/bench"
  mkdir -p "$WORK"
  cp -r src/Kaireon.Functions/bin/Release/net10.0 "$WORK/app"
  cp -r tests/Kaireon.Benchmarks/bin/Release/net10.0 "$WORK/bench"
  git rev-parse --short HEAD > "$WORK/app/commit" 2>/dev/null || true
  git status --porcelain -- src | wc -l | xargs printf ' (+%s changed files under src)\n' >> "$WORK/app/commit" || true
fi
BENCH=(dotnet "$WORK/bench/Kaireon.Benchmarks.dll")

SERVER=""
stop_server() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
  fi
}
trap stop_server EXIT

start_server() {
  stop_server
  rm -rf "$WORK/data"
  mkdir -p "$WORK/data"
  local extra=()
  if [ "${QUIET:-0}" = 1 ]; then extra+=("Logging__LogLevel__Microsoft.AspNetCore=Warning"); fi
  # shellcheck disable=SC2206
  if [ -n "${SERVER_ENV:-}" ]; then extra+=($SERVER_ENV); fi
  (cd "$WORK/app" && exec env Kaireon__Bootstrap__ApiKey=$ADMIN Kaireon__Storage__Sqlite__Path="$WORK/data/kaireon.db" \
      ASPNETCORE_URLS=http://127.0.0.1:$PORT "${extra[@]}" dotnet Kaireon.Functions.dll >"$WORK/data/server.log" 2>&1) &
  SERVER=$!
  for _ in $(seq 60); do
    if curl -sf "$URL/health/ready" >/dev/null; then break; fi
    sleep 0.5
  done
  curl -sf "$URL/health/ready" >/dev/null || { echo "server did not start; see $WORK/data/server.log" >&2; exit 1; }
  kill -0 "$SERVER" 2>/dev/null || { echo "our server exited (is port $PORT taken?); see $WORK/data/server.log" >&2; exit 1; }
  KEY=$("${BENCH[@]}" setup "$URL" "$ADMIN" ${SETUP:-} | tail -1)
}

# CPU seconds (user + system) the server has used so far.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$SERVER/stat"
}

machine() {
  echo "== $(date -u +%FT%TZ) build $(tr -d '\n' < "$WORK/app/commit" 2>/dev/null) nproc=$(nproc) load average: $(cut -d' ' -f1-3 /proc/loadavg) QUIET=${QUIET:-0} SERVER_ENV=${SERVER_ENV:-}; other dotnet/node processes: $(pgrep -c -x 'dotnet|node|Kaireon.*' | awk -v n=1 '{ print $1 - n }')"
}

run_load() {
  start_server
  machine
  local before; before=$(server_cpu)
  /usr/bin/time -f "driver CPU: %U s user + %S s system" timeout $((DURATION + WARMUP + 60)) "${BENCH[@]}" load "$URL" "$KEY" "$RATE" "$DURATION" "$WARMUP"
  echo "server CPU during the run: $(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }') s over $((DURATION + WARMUP)) s"
  machine
}

run_ingest() {
  start_server
  if [ "${INGEST_WARMUP:-0}" -gt 0 ]; then
    echo "== warm-up: the same ingest for ${INGEST_WARMUP} s and its drain, not measured (JIT tiering, caches, a database with"
    echo "   history), to customers of another id range, so the measured run's customers start their day as in a cold run"
    timeout $((INGEST_WARMUP + 660)) "${BENCH[@]}" ingest "$URL" "$KEY" "$SENDERS" "$INGEST_WARMUP" "$CUSTOMERS" 600 "${INGEST_RATE:-0}" w | sed 's/^/   warm-up: /'
  fi
  machine
  local before; before=$(server_cpu)
  /usr/bin/time -f "driver CPU: %U s user + %S s system" timeout $((DURATION + 660)) "${BENCH[@]}" ingest "$URL" "$KEY" "$SENDERS" "$DURATION" "$CUSTOMERS" 600 "${INGEST_RATE:-0}"
  echo "server CPU from first send to fully rolled up: $(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }') s"
  machine
}

run_wrk() {
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; return 1; }
  start_server
  machine
  KEY=$KEY timeout $((DURATION + 30)) wrk -t2 -c32 -d"${DURATION}s" --latency -s tests/Kaireon.Benchmarks/respond.lua "$URL"
  machine
}

run_recommend_load() {
  if [ "${IMPLICIT:-0}" = 1 ]; then SETUP=recommend-implicit start_server; else SETUP=recommend start_server; fi
  machine
  local before; before=$(server_cpu)
  /usr/bin/time -f "driver CPU: %U s user + %S s system" timeout $((DURATION + WARMUP + 60)) "${BENCH[@]}" load "$URL" "$KEY" "$RATE" "$DURATION" "$WARMUP" 10000 recommend
  echo "server CPU during the run: $(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }') s over $((DURATION + WARMUP)) s"
  machine
}

run_recommend() {
  run_recommend_load
  echo "== the floor: GET /health/live at the same rate, same driver, same server"
  timeout $((DURATION + WARMUP + 60)) "${BENCH[@]}" load "$URL" "$KEY" "$RATE" "$DURATION" "$WARMUP" 10000 health
  if command -v wrk >/dev/null; then
    echo "== wrk closed loop, 2 threads x 16 connections, ${DURATION} s each: Recommend, then GET /health/live (the trivial endpoint)"
    KEY=$KEY timeout $((DURATION + 30)) wrk -t2 -c16 -d"${DURATION}s" --latency -s tests/Kaireon.Benchmarks/recommend.lua "$URL"
    timeout $((DURATION + 30)) wrk -t2 -c16 -d"${DURATION}s" --latency "$URL/health/live"
    machine
  else
    echo "wrk is not installed (apt-get install -y wrk): no throughput ratio" >&2
  fi
}

case "${1:-all}" in
  load) run_load ;;
  ingest) run_ingest ;;
  wrk) run_wrk ;;
  recommend) run_recommend ;;
  recommend-load) run_recommend_load ;;
  all) run_load; run_ingest; run_wrk ;;
  *) echo "usage: $0 [load|ingest|wrk|recommend|recommend-load|all]" >&2; exit 2 ;;
esac
