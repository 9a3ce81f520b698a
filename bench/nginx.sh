# Sourced by the benchmarks: serves a 100-byte file from nginx on 127.0.0.1 (one worker pinned to core 0) in a
# fresh work folder, and sets `work`, `url`, `server_cpu` and `client_cpu` (core 1 when there are two). nginx is
# stopped and the folder removed when the script exits. NGINX_CONNECTIONS (default 4096) sets how many connections
# it accepts at once (make bench-vus needs one per virtual user).
work=$(mktemp -d /tmp/rehearsal-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cores=$(nproc)
server_cpu=0
client_cpu=$(( cores > 1 ? 1 : 0 ))

head -c 100 /dev/zero | tr "\0" "x" > "$work/small.txt"
chmod 644 "$work/small.txt"
mkdir -p "$work/logs"
connections=${NGINX_CONNECTIONS:-4096}
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
worker_rlimit_nofile $((connections * 2 + 64));
daemon off;
error_log $work/logs/error.log warn;
pid $work/nginx.pid;
events { worker_connections $connections; multi_accept on; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port backlog=4096;
        root $work;
        ${NGINX_EXTRA:-}
    }
}
CONF
taskset -c $server_cpu nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/small.txt" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$port/small.txt"
