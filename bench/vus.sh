#!/usr/bin/env bash
# Benchmark (not a test): many concurrent virtual users in one process. BENCH_VUS users (default 18,000) each GET a
# 100-byte file from nginx and think BENCH_THINK (default 5s), ramped up over BENCH_RAMP (10s) and held for
# BENCH_SECONDS (60s) in all, one engine thread. The target is on loopback, so each user connects from a loopback
# address of its own (127.1.x.y). Prints requests and failures, peak RSS and KB per user (over a one-user run's
# RSS), how late think times ended (p50, p99, max), the CPU, and open files at the peak; then shows that a run
# past the process's open-file limit (BENCH_REFUSE_VUS, default 50,000) is refused before anything is sent.
set -euo pipefail
BIN=$(realpath -m "${1:-.build/release/rehearse}")
VUS=${BENCH_VUS:-18000}
THINK=${BENCH_THINK:-5s}
RAMP=${BENCH_RAMP:-10s}
SECONDS_PER_RUN=${BENCH_SECONDS:-60}
REFUSE_VUS=${BENCH_REFUSE_VUS:-50000}
here=$(cd "$(dirname "$0")" && pwd)
NGINX_CONNECTIONS=$((VUS + 1024)) source "$here/nginx.sh"

# profile NAME VUS RAMP SECONDS: one GET and a think time per iteration.
profile() {
    cat > "$work/$1.yaml" <<YAML
name: $1
target:
  base_url: http://127.0.0.1:$port
  http: http1
flows: [flow.yaml]
load:
  vus: $2
  ramp_up: $3
  duration: $4
output: $work/results-$1
YAML
    echo "$work/$1.yaml"
}
printf 'steps:\n  - name: small\n    get: /small.txt\n  - think: %s\n' "$THINK" > "$work/flow.yaml"

echo "Benchmark: $VUS virtual users, think $THINK, ramp-up $RAMP, ${SECONDS_PER_RUN}s, one engine thread on core $client_cpu; nginx on core $server_cpu"
echo "open files: $(bash -c 'ulimit -Sn') soft / $(bash -c 'ulimit -Hn') hard; ephemeral ports $(tr '\t' '-' < /proc/sys/net/ipv4/ip_local_port_range); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/time -f "%M" -o "$work/base.txt" taskset -c "$client_cpu" "$BIN" run "$(profile base 1 0s 3s)" --workers 1 -q > /dev/null 2>&1
base_kb=$(cat "$work/base.txt")

# The big run, with its open files counted at the peak (the moment the most users are connected).
/usr/bin/time -f "%M %U %S" -o "$work/time.txt" taskset -c "$client_cpu" "$BIN" run "$(profile vus "$VUS" "$RAMP" "${SECONDS_PER_RUN}s")" \
    --workers 1 -q > "$work/vus.txt" 2>&1 &
runner=$!
sleep $(( SECONDS_PER_RUN * 3 / 4 ))
pid=$(pgrep -n -f "$work/vus.yaml" || true)
files=$( [ -n "$pid" ] && ls "/proc/$pid/fd" 2>/dev/null | wc -l || echo "?")
threads=$( [ -n "$pid" ] && ls "/proc/$pid/task" 2>/dev/null | wc -l || echo "?")
wait $runner || true
python3 - "$(ls "$work"/results-vus/*/summary.json)" "$work/time.txt" "$base_kb" "$VUS" "$files" "$threads" <<'PY'
import json, sys
summary, timefile, base_kb, vus, files, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
s = json.load(open(summary))
t, g = s["totals"], s["run"]["generator"]
rss_kb, user, system = open(timefile).read().split()
rss_kb = int(rss_kb)
print(f"requests          {t['requests']} ({t['rate']:.0f}/s), failed {t['failed']}, timeouts {t.get('timeouts', 0)}")
print(f"peak RSS          {rss_kb / 1024:.0f} MB ({(rss_kb - base_kb) / vus:.1f} KB per user over a one-user run's {base_kb / 1024:.0f} MB)")
lag = [g.get(k) for k in ("think_lag_p50_ms", "think_lag_p99_ms", "think_lag_max_ms")]
print("think times ended " + (f"p50 {lag[0]:.2f} ms · p99 {lag[1]:.2f} ms · max {lag[2]:.1f} ms late" if lag[0] is not None else "(none measured)"))
cpu = float(user) + float(system)
print(f"generator         {cpu:.1f} CPU s, busiest engine thread {g['busiest_worker_cpu']:.0%}; open files at 3/4 of the run {files}, threads {threads}")
PY

echo
echo "Refused before the run: $REFUSE_VUS users"
set +e
"$BIN" run "$(profile refuse "$REFUSE_VUS" 0s 10s)" --workers 1 -q > "$work/refuse.txt" 2>&1
status=$?
set -e
sed 's/^/  /' "$work/refuse.txt"
echo "  exit status $status; requests sent: $( [ -d "$work/results-refuse" ] && echo some || echo none)"
