#!/usr/bin/env bash
# HTTP load test: starts the release gateway (DEV, fake data) and drives it with wrk on the same
# machine. Usage: tests/load/http.sh [path] [connections] [seconds]   (`just bench-http`)
# Prints wrk's report with latency percentiles; record results in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
path=${1:-/api/v1/health}
connections=${2:-64}
seconds=${3:-15}
threads=${WRK_THREADS:-1}  # one wrk thread leaves the gateway its share of the 2 cores (see docs/PERFORMANCE.md)
port=${PORT:-18081}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk"; exit 1; }
cargo build --release -q -p salesflow-gateway
PORT=$port APP__TELEMETRY__ACCESS_LOG=${ACCESS_LOG:-false} target/release/salesflow-gateway > /tmp/salesflow-load.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
echo "cores: $(nproc); wrk -t$threads -c$connections -d${seconds}s http://127.0.0.1:$port$path ${HEADER:+(with header)}"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency ${HEADER:+-H "$HEADER"} "http://127.0.0.1:$port$path" >/dev/null  # warm-up run discarded
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency ${HEADER:+-H "$HEADER"} "http://127.0.0.1:$port$path"
