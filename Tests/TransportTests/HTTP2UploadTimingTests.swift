import TestSupport
import Testing

@testable import Transport

/// libcurl 7.88 stamps STARTTRANSFER when an HTTP/2 upload has been sent: a POST read `ttfb 0.001ms` and the
/// server's whole wait as `transfer`. The first response header's arrival gives the real split.
@Suite("HTTP/2 upload timings")
struct HTTP2UploadTimingTests {
    @Test(arguments: ["GET", "POST"])
    func theWaitIsTheFirstByteNotTheTransfer(method: String) throws {
        let server = try TLSTestServer.startHTTP2(answerDelayMilliseconds: 200)
        defer { server.stop() }
        let request = HTTPRequest(
            method: method, url: server.baseURL + "/submit", body: method == "POST" ? Array("a=1".utf8) : nil,
            keepBodyBytes: 16)
        let result = try #require(try performOne(request, options: .init(caFile: TLSTestServer.certificate)))
        #expect(result.failure == nil && result.status == 200, "\(String(describing: result.failure))")
        #expect(result.httpVersion == "2")
        #expect(result.timings.firstByteKnown)
        // The server answers 200 ms after the request: that is time to first byte; the 2-byte body is instant.
        #expect(result.timings.firstByteMicros >= 180_000, "ttfb \(result.timings.firstByteMicros) µs")
        #expect(result.timings.transferMicros < 50_000, "transfer \(result.timings.transferMicros) µs")
    }
}
