"""A tiny HTTP/2 server for Rehearsal's tests: TLS with the self-signed test certificate next to this file, ALPN
h2 only, answering every request (GET or an upload) with 200 "ok" DELAY milliseconds after the request ended.
Uses the h2 package (a dependency of mitmproxy, which `make test-deps` installs). Prints its port on stdout, then
serves until killed. Usage: h2_server.py DELAY_MS"""
import os, socket, ssl, sys, threading, time
import h2.config, h2.connection, h2.events

delay = float(sys.argv[1]) / 1000 if len(sys.argv) > 1 else 0


def serve(conn):
    h = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
    h.initiate_connection()
    conn.sendall(h.data_to_send())
    lock = threading.Lock()

    def respond(stream):
        time.sleep(delay)
        with lock:
            h.send_headers(stream, [(":status", "200"), ("content-length", "2"), ("content-type", "text/plain")])
            h.send_data(stream, b"ok", end_stream=True)
            conn.sendall(h.data_to_send())

    while True:
        try:
            data = conn.recv(65535)
        except OSError:
            return
        if not data:
            return
        with lock:
            for event in h.receive_data(data):
                if isinstance(event, h2.events.DataReceived):
                    h.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                if isinstance(event, h2.events.StreamEnded):
                    threading.Thread(target=respond, args=(event.stream_id,), daemon=True).start()
            conn.sendall(h.data_to_send())


here = os.path.dirname(os.path.abspath(__file__))
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(here, "test-cert.pem"), os.path.join(here, "test-key.pem"))
context.set_alpn_protocols(["h2"])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print(listener.getsockname()[1], flush=True)
while True:
    raw, _ = listener.accept()
    try:
        tls = context.wrap_socket(raw, server_side=True)
    except (ssl.SSLError, OSError):
        raw.close()
        continue
    threading.Thread(target=serve, args=(tls,), daemon=True).start()
