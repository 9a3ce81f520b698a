import Scenario
import Testing

/// `HOST:PORT` on the command line (`--serve`, `--listen`, `--upstream`).
@Suite struct HostPortTextTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464),
        ("0.0.0.0:0", "0.0.0.0", 0),
        ("localhost:65535", "localhost", 65535),
        ("[::1]:9464", "::1", 9464),
        ("[::]:80", "::", 80),
    ])
    func parsesAddresses(text: String, host: String, port: Int) throws {
        let parsed = try HostPortText.parse(text)
        #expect(parsed.host == host)
        #expect(parsed.port == port)
    }

    @Test(arguments: [
        ("9464", "missing ':PORT'"),
        ("127.0.0.1", "missing ':PORT'"),
        (":9464", "missing HOST"),
        ("127.0.0.1:", "missing PORT"),
        ("127.0.0.1:http", "PORT must be a number from 0 to 65535, not 'http'"),
        ("127.0.0.1:65536", "PORT must be a number from 0 to 65535, not '65536'"),
        ("127.0.0.1:-1", "PORT must be a number from 0 to 65535, not '-1'"),
        ("::1:9464", "an IPv6 address needs brackets"),
        ("[::1]9464", "missing ':PORT' after ']'"),
        ("[::1:9464", "missing ']' after the IPv6 address"),
        ("[127.0.0.1]:9464", "brackets are only for IPv6 addresses"),
        ("http://127.0.0.1:9464", "a URL or path is not an address"),
        ("local host:9464", "'local host' is not a host name or address"),
        ("", "missing ':PORT'"),
    ])
    func rejectsBadAddresses(text: String, why: String) {
        let error = #expect(throws: ParseFailure.self) { try HostPortText.parse(text) }
        #expect(
            error?.description
                == "invalid address '\(text)': \(why); expected HOST:PORT, e.g. 127.0.0.1:9464 (or [::1]:9464 for IPv6)"
        )
    }
}
