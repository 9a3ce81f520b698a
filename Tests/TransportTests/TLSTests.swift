import Foundation
import TestSupport
import Testing
import Transport

/// HTTPS through libcurl against a real TLS server (Python's `ssl`, a self-signed certificate for 127.0.0.1).
@Suite("HTTPS")
struct TLSTests {
    @Test func trustsAPrivateCertificateWhenGivenAndRefusesOtherwise() throws {
        let server = try TLSTestServer.start()
        defer { server.stop() }
        let url = server.baseURL + "/"
        let trusted = try #require(
            try performOne(HTTPRequest(url: url, keepBodyBytes: 16), options: .init(caFile: TLSTestServer.certificate)))
        #expect(trusted.failure == nil)
        #expect(trusted.status == 200)
        #expect(trusted.timings.tlsMicros > 0, "a fresh HTTPS connection pays a TLS handshake")
        let untrusted = try #require(try performOne(HTTPRequest(url: url)))
        #expect(untrusted.failure?.kind == .tls)
    }
}
