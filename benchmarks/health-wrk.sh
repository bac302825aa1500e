#!/usr/bin/env bash
# Load-tests HealthServer's /healthcheck with wrk next to nginx serving a static 200 on the same
# machine, then again while the check behind the endpoint takes 2 s per run, and writes the
# results to docs/benchmarks.md. A benchmark, not a test: numbers depend on the machine.
#
# Needs: java 17+, wrk, nginx, python3 (for free ports). Run from anywhere:
#   benchmarks/health-wrk.sh            # build, measure, write docs/benchmarks.md
#   SKIP_BUILD=1 KEEP_WORK=1 benchmarks/health-wrk.sh   # reuse the build, keep the wrk reports
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WORK=$(mktemp -d /tmp/gantry-health-wrk.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -z "${KEEP_WORK:-}" ]; then
    rm -rf "$WORK"
  else
    echo "wrk reports and server logs kept in $WORK"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

await_200() { # url, deadline in seconds
  local url=$1 deadline=$((SECONDS + $2))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ]; do
    if [ $SECONDS -ge "$deadline" ]; then
      echo "no 200 from $url within $2 s" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# "Requests/sec" and the 50% and 99% latencies of a wrk --latency report, latencies in ms
summarise() {
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    /Socket errors:/ { errors = $0 }
    END { printf "%s %.3f %.3f %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx) }
  ' "$1"
}

run_wrk() { # name, url
  local name=$1 url=$2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$url" >/dev/null # warm-up (JIT, connections)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | tee "$WORK/$name.wrk"
}

start_health() { # mode, port
  java -cp "$CLASSPATH" dev.gantry.benchmarks.HealthBench "$1" "$2" >"$WORK/health-$1.log" 2>&1 &
  PIDS+=($!)
  await_200 "http://127.0.0.1:$2/healthcheck" 90
}

if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q package -pl benchmarks -am -DskipTests)
fi
CLASSPATH="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/benchmark-classpath.txt")"

NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type application/json;
      return 200 '{"status":"UP","ready":true}';
    }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)
await_200 "http://127.0.0.1:$NGINX_PORT/healthcheck" 30

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/healthcheck"

JDK_PORT=$(free_port)
start_health jdk "$JDK_PORT"
run_wrk jdk "http://127.0.0.1:$JDK_PORT/healthcheck"

FAST_PORT=$(free_port)
start_health fast "$FAST_PORT"
run_wrk health-fast "http://127.0.0.1:$FAST_PORT/healthcheck"

SLOW_PORT=$(free_port)
start_health slow "$SLOW_PORT"
run_wrk health-slow "http://127.0.0.1:$SLOW_PORT/healthcheck"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

read -r NGINX_RPS NGINX_P50 NGINX_P99 NGINX_BAD < <(summarise "$WORK/nginx.wrk")
read -r JDK_RPS JDK_P50 JDK_P99 JDK_BAD < <(summarise "$WORK/jdk.wrk")
read -r FAST_RPS FAST_P50 FAST_P99 FAST_BAD < <(summarise "$WORK/health-fast.wrk")
read -r SLOW_RPS SLOW_P50 SLOW_P99 SLOW_BAD < <(summarise "$WORK/health-slow.wrk")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { # rps, p99
  awk -v r="$1" -v n="$NGINX_RPS" -v p="$2" 'BEGIN {
    half = (r >= n / 2) ? "met" : "not met"; tail = (p < 2) ? "met" : "not met";
    printf "half of nginx: %s; p99 under 2 ms: %s", half, tail }'
}

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
JAVA=$(java -version 2>&1 | head -1)
NGINX_VERSION=$(nginx -v 2>&1 | sed 's/^nginx version: //')
WRK_VERSION=$({ wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2) # wrk -v exits 1

cat >"$ROOT/docs/benchmarks.md" <<DOC
# Benchmarks

## /healthcheck under load (\`benchmarks/health-wrk.sh\`)

\`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` against \`GET /healthcheck\` of a \`HealthServer\`
(one readiness check that reports height and lag), and in the same run against nginx answering a
static 200 with a similar JSON body. Each target first gets a 5 s warm-up. The second row is a bare
JDK \`com.sun.net.httpserver\` server (same 4 threads, TCP_NODELAY) answering a static body: the
ceiling for any endpoint built on it. The last row repeats the HealthServer run while every run of
the check takes 2 s (it sleeps, like a slow node RPC): the endpoint only reads the latest snapshot,
so it must not slow down.

| target | req/s | p50 (ms) | p99 (ms) | non-2xx | req/s vs nginx |
| --- | ---: | ---: | ---: | ---: | ---: |
| nginx, static 200 | $NGINX_RPS | $NGINX_P50 | $NGINX_P99 | $NGINX_BAD | 1.00 |
| bare JDK HTTP server, static 200 | $JDK_RPS | $JDK_P50 | $JDK_P99 | $JDK_BAD | $(ratio "$JDK_RPS" "$NGINX_RPS") |
| HealthServer, instant check | $FAST_RPS | $FAST_P50 | $FAST_P99 | $FAST_BAD | $(ratio "$FAST_RPS" "$NGINX_RPS") |
| HealthServer, check takes 2 s | $SLOW_RPS | $SLOW_P50 | $SLOW_P99 | $SLOW_BAD | $(ratio "$SLOW_RPS" "$NGINX_RPS") |

Targets (at least half of nginx's rate, p99 under 2 ms):
- instant check: $(verdict "$FAST_RPS" "$FAST_P99")
- check takes 2 s: $(verdict "$SLOW_RPS" "$SLOW_P99")

When nginx's own p99 misses 2 ms too, the tail is set by the shared machine rather than by the
server under test; p50 and the ratio between rows are the steadier measures. Rerun on an idle
machine to judge the p99 target.

Two changes made the difference, measured with this script on the same busy machine: setting
\`sun.net.httpserver.nodelay=true\` (before it, headers and body went out as two packets and waited
for the client's delayed ACK: 1.3k req/s at a 47 ms p50), and rendering each answer once per
change of the checks' state instead of per request (before it, 0.18 to 0.30 of nginx's rate).

Machine: $(nproc) cores ($CPU), $JAVA, $NGINX_VERSION (\`worker_processes auto\`),
$WRK_VERSION. wrk, the server under test and the JVM share the same $(nproc) cores, and other
builds ran on the machine at the same time (load average $LOAD_BEFORE before, $LOAD_AFTER after),
so the numbers are noisy: compare the rows of one run, not runs on different days.
Measured $(date -u +%Y-%m-%dT%H:%MZ).
DOC
echo "wrote $ROOT/docs/benchmarks.md"
