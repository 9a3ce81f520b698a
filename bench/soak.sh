#!/usr/bin/env bash
# Soak (not a test): rehearse runs for SOAK_SECONDS (default 3600) against nginx on 127.0.0.1 while this script
# samples its RSS, open files and threads every SOAK_SAMPLE seconds (10). The load exercises what a long run
# accumulates: SOAK_VUS users (1,000) each GET a page, then three resources in parallel, and think 1 s; every
# response carries Server-Timing and sets a cookie. Fails (exit 1) when RSS grows by more than 5 % after the
# first minute (the largest later sample against the first one past 60 s), or when the run fails requests.
set -euo pipefail
BIN=$(realpath -m "${1:-.build/release/rehearse}")
DURATION=${SOAK_SECONDS:-3600}
SAMPLE=${SOAK_SAMPLE:-10}
VUS=${SOAK_VUS:-1000}
here=$(cd "$(dirname "$0")" && pwd)
NGINX_CONNECTIONS=$((VUS * 4 + 1024)) \
NGINX_EXTRA='add_header Server-Timing "db;dur=1.5, app;dur=0.3"; add_header Set-Cookie "session=soak; Path=/";' \
    source "$here/nginx.sh"

cat > "$work/soak.yaml" <<YAML
name: soak
target:
  base_url: http://127.0.0.1:$port
  http: http1
flows: [flow.yaml]
load:
  vus: $VUS
  ramp_up: 10s
  duration: ${DURATION}s
output: $work/results
YAML
cat > "$work/flow.yaml" <<YAML
steps:
  - name: page
    get: /small.txt
  - group: resources
    requests:
      - { name: a, get: /small.txt }
      - { name: b, get: /small.txt }
      - { name: c, get: /small.txt }
  - think: 1s
YAML

echo "Soak: $VUS users for ${DURATION}s against $url; sampling every ${SAMPLE}s; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" run "$work/soak.yaml" --workers 1 -q > "$work/run.txt" 2>&1 &
runner=$!
start=$(date +%s)
printf '%8s %10s %8s %8s\n' seconds "RSS MB" files threads | tee "$work/samples.txt"
while kill -0 $runner 2>/dev/null; do
    sleep "$SAMPLE"
    [ -r "/proc/$runner/status" ] || break
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$runner/status" 2>/dev/null || true)
    threads=$(awk '/^Threads:/ { print $2 }' "/proc/$runner/status" 2>/dev/null || true)
    files=$(ls "/proc/$runner/fd" 2>/dev/null | wc -l)
    [ -n "$rss" ] || break
    printf '%8d %10s %8d %8d\n' $(( $(date +%s) - start )) "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" \
        "$files" "$threads" \
        | tee -a "$work/samples.txt"
done
set +e
wait $runner
status=$?
set -e
python3 - "$work/samples.txt" "$(ls "$work"/results/*/summary.json 2>/dev/null | head -1)" "$status" <<'PY'
import json, sys
rows = [line.split() for line in open(sys.argv[1]).readlines()[1:]]
samples = [(int(r[0]), float(r[1]), int(r[2]), int(r[3])) for r in rows if len(r) == 4]
summary, status = sys.argv[2], int(sys.argv[3])
failed = []
# glibc hands memory back in steps, so single samples swing by a few MB: compare the largest sample of the second
# minute with the largest of the last two minutes (the run's last sample, taken while it writes results, excluded).
steady = samples[:-1] if len(samples) > 2 else samples
after = [s for s in steady if s[0] >= 60]
if not after or steady[-1][0] < 180:
    print("too short to judge growth: needs three minutes of samples")
else:
    end = steady[-1][0]
    base = max((s for s in after if s[0] < 120), key=lambda s: s[1])
    last = max((s for s in steady if s[0] > end - 120), key=lambda s: s[1])
    peak = max(after, key=lambda s: s[1])
    growth = last[1] / base[1] - 1
    print(f"RSS {base[1]:.1f} MB in the second minute, {last[1]:.1f} MB in the last two (peak {peak[1]:.1f} MB at "
          f"{peak[0]} s): growth {growth:+.1%} (limit +5%)")
    print(f"open files {min(s[2] for s in after)}–{max(s[2] for s in after)}, threads "
          f"{min(s[3] for s in after)}–{max(s[3] for s in after)}")
    if growth > 0.05: failed.append("RSS grew more than 5 %")
if summary:
    t = json.load(open(summary))["totals"]
    print(f"requests {t['requests']} ({t['rate']:.0f}/s), failed {t['failed']}")
    if t["failed"] > 0: failed.append(f"{t['failed']} requests failed")
if status != 0:
    failed.append(f"rehearse exited {status}")
print("soak " + ("FAILED: " + "; ".join(failed) if failed else "passed"))
sys.exit(1 if failed else 0)
PY
