#!/usr/bin/env bash
# Benchmark (not a test) of the open model: rehearse at a constant arrival rate (default 2,000 iterations/s for
# 20 s, one GET each) against nginx on 127.0.0.1. Prints the achieved rate against the target, dropped
# iterations, schedule lag p50/p99/max, latency from schedule vs service time, and the generator's CPU.
# As the peer, wrk runs flat out against the same nginx in the same run, so the target rate is shown as a share of
# what the server can take (a rate near capacity would measure the server, not the pacer).
# nginx runs one worker pinned to core 0; the clients are pinned to core 1.
set -euo pipefail
BIN=${1:-.build/release/rehearse}
RATE=${BENCH_RATE:-2000}
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
source "$(dirname "$0")/nginx.sh"

echo "Benchmark: constant arrival rate $RATE/s for ${SECONDS_PER_RUN}s, GET $url (100 bytes); server on core $server_cpu, clients on core $client_cpu"
taskset -c $client_cpu wrk -t1 -c64 -d5s "$url" > "$work/wrk.txt"
wrk_rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")

cat > "$work/arrival.yaml" <<YAML
name: arrival
target:
  base_url: http://127.0.0.1:$port
  http: http1
flows: [flow.yaml]
load:
  executor: constant-arrival-rate
  rate: $RATE/s
  duration: ${SECONDS_PER_RUN}s
  max_vus: 200
output: $work/results
YAML
printf 'steps:\n  - name: small\n    get: /small.txt\n' > "$work/flow.yaml"
${BENCH_WRAP:-} /usr/bin/time -f "%U %S %M" -o "$work/time.txt" taskset -c $client_cpu "$BIN" run "$work/arrival.yaml" --workers 1 -q > "$work/rehearse.txt" 2>&1 \
    || { echo "rehearse failed:"; cat "$work/rehearse.txt"; exit 1; }
summary=$(ls "$work"/results/*/summary.json)
python3 - "$summary" "$RATE" "$SECONDS_PER_RUN" "$wrk_rps" "$work/time.txt" <<'PY'
import json, sys
path, rate, seconds, wrk_rps, timefile = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
s = json.load(open(path))
sc = s["scenarios"][0]
g = s["run"]["generator"]
user, system, rss = open(timefile).read().split()
planned = rate * seconds
started = sc["iterations_started"]
lag = sc["schedule_lag"]
print(f"target            {rate:.0f}/s × {seconds:.0f}s = {planned:.0f} iterations (wrk flat out on the same server: {wrk_rps:.0f} req/s; target = {rate / wrk_rps:.0%} of it)")
print(f"achieved          {started} started = {started / planned:.2%} of planned; {sc['dropped_iterations']} dropped; {s['totals']['failed']} failed")
print(f"schedule lag      p50 {lag['p50']:.3f} ms · p99 {lag['p99']:.3f} ms · max {lag['max']:.3f} ms")
print(f"latency (sched.)  p50 {sc['latency']['p50']:.3f} ms · p99 {sc['latency']['p99']:.3f} ms")
print(f"service time      p50 {sc['service_time']['p50']:.3f} ms · p99 {sc['service_time']['p99']:.3f} ms")
cpu = float(user) + float(system)
print(f"generator         {cpu:.2f} CPU s ({cpu / max(started, 1) * 1e6:.1f} µs/iteration), busiest engine thread {g['busiest_worker_cpu']:.0%}, peak RSS {int(rss) // 1024} MB")
print("verdict           " + ("generator-bound: " + "; ".join(g["limited_by"]) if g["limited_by"] else "the generator kept up"))
PY
