"""A tiny HTTPS server for Rehearsal's transport tests: serves 200 "ok" on every GET over TLS with the
self-signed test certificate next to this file. Prints its port on stdout, then serves until killed."""
import http.server, os, ssl, sys

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

here = os.path.dirname(os.path.abspath(__file__))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(here, "test-cert.pem"), os.path.join(here, "test-key.pem"))
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
