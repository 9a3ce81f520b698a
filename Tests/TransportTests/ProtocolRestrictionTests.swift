import TestSupport
import Testing
import Transport

/// Easy handles speak http and https only (`CURLOPT_PROTOCOLS_STR`), a second wall behind the allow-list:
/// a URL of another scheme that reached libcurl would still not be sent.
@Suite("Protocols other than http(s) are never used")
struct ProtocolRestrictionTests {
    @Test func otherSchemesFailWithoutConnecting() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let authority = "127.0.0.1:\(server.port)"
        for url in ["gopher://\(authority)/x", "ftp://\(authority)/x", "dict://\(authority)/x", "file:///etc/hostname"]
        {
            let result = try #require(try performOne(HTTPRequest(url: url, keepBodyBytes: 1024)), "\(url)")
            #expect(
                result.failure?.code == 1,
                "CURLE_UNSUPPORTED_PROTOCOL for \(url): \(String(describing: result.failure))")
            #expect(result.body?.isEmpty ?? true, "\(url)")
        }
        #expect(server.connectionCount == 0)
        let ok = try #require(try performOne(HTTPRequest(url: server.baseURL + "/ok")))
        #expect(ok.status == 200)
    }
}
