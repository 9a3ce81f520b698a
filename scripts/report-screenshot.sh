#!/usr/bin/env bash
# docs/report-demo.png: runs the demo (rehearse demo, ~45 s), then takes a screenshot of its report.html in headless
# Chromium with the network off. `make report-screenshot`; refresh it when the page changes.
#
#   bash scripts/report-screenshot.sh [path/to/rehearse]    (HEIGHT=2600 by default)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/.build/debug/rehearse}"
height="${HEIGHT:-2600}"
command -v chromium >/dev/null || bash "$root/scripts/install-packages.sh" chromium
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && "$bin" demo --out "$work/results" -q >/dev/null)
page="$(ls -d "$work"/results/*/ | head -1)report.html"
chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
    --disable-background-networking --hide-scrollbars --virtual-time-budget=10000 \
    --window-size="1280,$height" --screenshot="$root/docs/report-demo.png" "file://$page" 2>/dev/null
echo "docs/report-demo.png from $(basename "$(dirname "$page")") ($(wc -c <"$page") bytes of report.html)"
