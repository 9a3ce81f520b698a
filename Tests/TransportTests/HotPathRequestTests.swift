import Foundation
import TestSupport
import Testing
import Transport

/// What the engine's cheaper request path still sends: the URL handed to libcurl parsed, `Accept-Encoding` as a
/// header of our own (and still decoded), `Expect:` only with a body, a fresh `traceparent` on a reused list, and
/// a URL libcurl's parser refuses failing as it always did.
@Suite("Hot-path requests")
struct HotPathRequestTests {
    private func echo(_ result: TransferResult?) throws -> [String: Any] {
        let body = try #require(result?.body)
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    @Test func oneAcceptEncodingIsSentAndTheResponseIsStillDecoded() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init())
        let echoed = try echo(
            try perform([(easy, HTTPRequest(url: server.baseURL + "/echo", keepBodyBytes: 1 << 16))], on: multi)[0])
        let headers = try #require(echoed["headers"] as? [String: String])
        #expect(headers["accept-encoding"] == Curl.decodable(TransferOptions.browserAcceptEncoding), "\(headers)")
        #expect(headers["expect"] == nil)
        // The same handle, a compressed response: decoded although the header came from our list.
        let gzip = try #require(
            try perform([(easy, HTTPRequest(url: server.baseURL + "/gzip/20000", keepBodyBytes: 1 << 20))], on: multi)[
                0])
        #expect(gzip.bodyBytes == 20_000)
        #expect(gzip.wireBodyBytes < 2_000)
    }

    @Test func aFlowsOwnAcceptEncodingIsNotDoubled() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(
            url: server.baseURL + "/echo", headerLines: ["Accept-Encoding: identity"], keepBodyBytes: 1 << 16)
        let headers = try #require(try echo(try performOne(request))["headers"] as? [String: String])
        #expect(headers["accept-encoding"] == "identity")
    }

    @Test func theDefaultUserAgentIsSentOnceUnlessTheRequestNamesItsOwn() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init(userAgent: "Rehearsal/test libcurl/x"))
        let url = server.baseURL + "/echo"
        // One handle, in turn: its header list is rebuilt each time the request's own lines change.
        let cases: [([String], String)] = [
            ([], "Rehearsal/test libcurl/x"), (["user-agent: Mine/2"], "Mine/2"), (["User-Agent;"], ""),
            (["X-Other: 1"], "Rehearsal/test libcurl/x"),
        ]
        for (lines, expected) in cases {
            let request = HTTPRequest(url: url, headerLines: lines, keepBodyBytes: 1 << 16)
            let headers = try #require(
                try echo(try perform([(easy, request)], on: multi)[0])["headers"] as? [String: String])
            // Repeated headers reach the echo joined with ", ": one value means it was sent once.
            #expect(headers["user-agent"] == expected, "\(lines)")
        }
    }

    @Test func aPostCarriesItsBodyWithoutExpectContinue() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let body = Array(repeating: UInt8(ascii: "x"), count: 2 << 20)
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/echo", body: body, keepBodyBytes: 4 << 20)
        let echoed = try echo(try performOne(request))
        let headers = try #require(echoed["headers"] as? [String: String])
        #expect(headers["expect"] == nil, "a 2 MiB body would otherwise wait for 100-continue")
        #expect((echoed["body"] as? String)?.utf8.count == body.count)
    }

    @Test func eachRequestOnAReusedHandleCarriesItsOwnTraceparent() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init())
        var seen: [String] = []
        for span in [UInt64(0xabc), 0xdef] {
            let trace = TraceParent(traceHigh: 0x0123_4567_89ab_cdef, traceLow: 0xfedc_ba98_7654_3210, span: span)
            let request = HTTPRequest(url: server.baseURL + "/echo", keepBodyBytes: 1 << 16, traceParent: trace)
            let headers = try #require(
                try echo(try perform([(easy, request)], on: multi)[0])["headers"] as? [String: String])
            seen.append(headers["traceparent"] ?? "")
            #expect(headers["traceparent"] == trace.headerValue)
        }
        #expect(
            seen == [
                "00-0123456789abcdeffedcba9876543210-0000000000000abc-01",
                "00-0123456789abcdeffedcba9876543210-0000000000000def-01",
            ])
    }

    @Test func aURLLibcurlRefusesFailsAsAMalformedURL() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init())
        let bad = try #require(try perform([(easy, HTTPRequest(url: "http://exa mple.test:99999/"))], on: multi)[0])
        #expect(
            bad.failure?.code == 3, "CURLE_URL_MALFORMAT, as with the URL given as text: \(String(describing: bad))")
        #expect(bad.status == 0)
        // The same handle goes on with a good URL, parsed again.
        let good = try #require(try perform([(easy, HTTPRequest(url: server.baseURL + "/ok"))], on: multi)[0])
        #expect(good.status == 200)
    }

    /// A flow's empty `Accept-Encoding` (a recorded browser that asked for none) goes as it is: libcurl reads an empty
    /// `CURLOPT_ACCEPT_ENCODING` as "every coding I support", which the flow never asked for.
    @Test func anEmptyAcceptEncodingAsksForNoCoding() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.baseURL + "/echo", keepBodyBytes: 1 << 16, acceptEncoding: "")
        let headers = try #require(try echo(try performOne(request))["headers"] as? [String: String])
        #expect(headers["accept-encoding"] == "", "\(headers)")
    }
}
