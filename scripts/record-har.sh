#!/usr/bin/env bash
# Records a HAR of the demo dashboard as a real browser produces it: headless Chromium (Debian's package) loads
# the page served by `rehearse demo-server`, through mitmdump (mitmproxy from PyPI), which writes the HAR.
# Everything listens on 127.0.0.1, on free ports. Where it can, the recording runs in a network namespace of its
# own that has nothing but loopback, so neither the browser nor the proxy can reach any other host.
#
# Usage: scripts/record-har.sh OUT.har [EMAIL [PASSWORD]]
#   EMAIL, PASSWORD  the demo account to sign in as (default user1@demo.test / demo-user; see `rehearse demo-server
#                    --help`). They reach the page in the URL fragment, which no server or proxy sees; the page's
#                    script posts them to /api/login, so the recording holds them as a browser would send them.
# Environment:
#   REHEARSE        the rehearse binary (default .build/debug/rehearse, built when missing)
#   CHROMIUM        the browser (default chromium)
#   RECORD_TIMEOUT  seconds the browser may take (default 60)
# Installs what is missing: chromium (apt-get), mitmproxy >= 10.1 for its hardump option (pip), iproute2.
set -euo pipefail

# A parent such as a test runner may block signals, and children inherit the mask: mitmdump would then never see
# the TERM that makes it write the HAR. Start again with nothing blocked.
if [ -z "${RECORD_HAR_UNMASKED:-}" ] && grep -Eq '^SigBlk:\s*0*[1-9a-f]' "/proc/$$/status" 2>/dev/null; then
    RECORD_HAR_UNMASKED=1 exec python3 -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
os.execvp(sys.argv[1], sys.argv[1:])' "$BASH" "$0" "$@"
fi

usage() { sed -n '7,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage
case "$1" in -h | --help) usage ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "$1")"
email="${2:-user1@demo.test}"
password="${3:-demo-user}"
rehearse="${REHEARSE:-$root/.build/debug/rehearse}"
chromium="${CHROMIUM:-chromium}"
timeout="${RECORD_TIMEOUT:-60}"

log() { echo "record-har: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- What is needed, installed only when missing (before isolating: installs need the network) ---------------
if [ -z "${RECORD_HAR_ISOLATED:-}" ]; then
    command -v "$chromium" >/dev/null || bash "$root/scripts/install-packages.sh" chromium
    command -v ip >/dev/null || bash "$root/scripts/install-packages.sh" iproute2
    if ! command -v mitmdump >/dev/null; then
        log "installing mitmproxy (pip)"
        python3 -m pip install --quiet 'mitmproxy>=10.1'
        ! command -v pyenv >/dev/null || pyenv rehash  # pyenv's shim for the new command
    fi
    # Into a variable first: `grep -q` would close the pipe early and pipefail would see mitmdump's SIGPIPE.
    mitmdump_options="$(mitmdump --options 2>/dev/null || true)"
    grep -q '^hardump:' <<<"$mitmdump_options" \
        || die "$(command -v mitmdump) has no hardump option; mitmproxy 10.1 or later is needed (pip install -U mitmproxy)"
    if [ ! -x "$rehearse" ]; then
        log "building rehearse"
        (cd "$root" && swift build --product rehearse)
    fi

    # Re-run this script in a fresh network namespace (only loopback) when the kernel lets us.
    for flags in "--net" "--net --map-root-user"; do
        # shellcheck disable=SC2086 # the flags are meant to split
        if unshare $flags true 2>/dev/null; then
            RECORD_HAR_ISOLATED=1 exec unshare $flags -- "$BASH" "$0" "$@"
        fi
    done
    log "warning: cannot create a network namespace; recording on the host's loopback (the browser is told to"
    log "  use only the proxy, and the proxy refuses every host but 127.0.0.1)"
else
    ip link set lo up
fi

# --- Processes, cleaned up however the script ends -------------------------------------------------------------
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until `file` has a line matching the extended regex `pattern` and prints the first match.
await_line() {
    local file="$1" pattern="$2" what="$3" pid="$4"
    for _ in $(seq 100); do
        grep -Eom1 "$pattern" "$file" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; die "$what exited"; }
        sleep 0.1
    done
    cat "$file" >&2
    die "$what did not start within 10 s"
}

started_ms=$(date +%s%3N)
"$rehearse" demo-server --host 127.0.0.1 --port 0 >"$work/demo.log" 2>&1 &
pids+=($!)
demo_port=$(await_line "$work/demo.log" 'http://127\.0\.0\.1:[0-9]+' "demo server" "${pids[-1]}" | sed 's/.*://')

# connection_strategy=lazy: no upstream connection before a request asks for one. block_list: a request for any
# host but 127.0.0.1 is closed unanswered (444) instead of forwarded.
PYTHONUNBUFFERED=1 mitmdump --listen-host 127.0.0.1 --listen-port 0 \
    --set confdir="$work/mitmproxy" \
    --set hardump="$work/recording.har" \
    --set connection_strategy=lazy \
    --set 'block_list=|!~d ^127\.0\.0\.1$|444' \
    >"$work/mitmdump.log" 2>&1 &
mitmdump_pid=$!
pids+=("$mitmdump_pid")
proxy_port=$(await_line "$work/mitmdump.log" 'listening at 127\.0\.0\.1:[0-9]+' "mitmdump" "$mitmdump_pid" \
    | sed 's/.*://')
log "demo server on 127.0.0.1:$demo_port, mitmdump on 127.0.0.1:$proxy_port"

# --proxy-bypass-list='<-loopback>' removes Chromium's implicit "never proxy loopback" rule. The --disable-*
# flags stop most of the browser's own background requests (updates, sync, metrics, network time, autofill),
# which the recording would hold; Chromium 156 still asks update.googleapis.com for one component on demand
# (X-Goog-Update-AppId ceofaddefefcbblgcgnibnonglccbfja) whatever the flags, and mitmdump refuses it (444), so
# the HAR holds it as a third-party entry with status 0 and an `_error`: noise an importer must drop.
# --virtual-time-budget lets the page run until its network work is done (the user's task query takes ~1 s).
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="@"))' "$1"; }
url="http://127.0.0.1:$demo_port/#email=$(encode "$email")&password=$(encode "$password")"
# In the background and waited for, so that a signal to this script runs the cleanup at once.
timeout "$timeout" "$chromium" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --disable-background-networking --disable-component-update \
    --disable-sync --disable-extensions --disable-default-apps --disable-domain-reliability --disable-breakpad \
    --metrics-recording-only --disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication \
    --proxy-server="http://127.0.0.1:$proxy_port" --proxy-bypass-list='<-loopback>' \
    --user-data-dir="$work/chromium-profile" --virtual-time-budget=20000 \
    --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log" &
pids+=($!)
wait "${pids[-1]}" || { tail -20 "$work/chromium.log" >&2; die "chromium failed or timed out after ${timeout} s"; }

if ! grep -q 'data-state="done"' "$work/dom.html" || ! grep -q 'data-task-id="[0-9]*"' "$work/dom.html"; then
    grep -o '<p id="status">[^<]*' "$work/dom.html" >&2 || cat "$work/dom.html" >&2
    die "the page did not finish (no task detail in the dumped DOM); mitmdump saw:$(printf '\n%s' \
        "$(cat "$work/mitmdump.log")")"
fi
task_id=$(grep -o 'data-task-id="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*')

# mitmdump writes the HAR when it shuts down (SIGTERM is a clean shutdown for it).
kill -TERM "$mitmdump_pid"
wait "$mitmdump_pid" || true
pids=("${pids[0]}")  # only the demo server is left to stop
[ -s "$work/recording.har" ] || { cat "$work/mitmdump.log" >&2; die "mitmdump wrote no HAR"; }
mkdir -p "$(dirname "$out")"
mv "$work/recording.har" "$out"
elapsed_ms=$(($(date +%s%3N) - started_ms))

log "wrote $out ($(stat -c %s "$out") bytes), recorded in $((elapsed_ms / 1000)).$((elapsed_ms % 1000 / 100)) s; the page opened task $task_id"
log "$("$chromium" --version 2>/dev/null | tail -1); mitmproxy $(mitmdump --version | sed -n 's/^Mitmproxy: //p')"
python3 - "$out" >&2 <<'PYTHON'
import json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
print(f"record-har: {len(entries)} entries:")
for entry in entries:
    print(f"  {entry['request']['method']} {entry['request']['url']} -> {entry['response']['status']}")
PYTHON
