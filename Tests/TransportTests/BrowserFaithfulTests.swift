import CCurl
import TestSupport
import Testing
import Transport

/// What a browser would do on the wire: ask for compressed responses and decode them, and open at most 6
/// connections to one host.
@Suite("Browser-faithful transport")
struct BrowserFaithfulTests {
    @Test func asksForCompressionAndDecodesTheResponse() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.baseURL + "/gzip/20000", keepBodyBytes: 1 << 20)
        let result = try #require(try performOne(request))
        #expect(result.status == 200)
        #expect(result.bodyBytes == 20_000, "decoded: the page gets every byte")
        #expect(result.body?.count == 20_000)
        #expect(result.body.map { String(decoding: $0.prefix(10), as: UTF8.self) } == #"{"id":1234"#)
        #expect(
            result.wireBodyBytes > 0 && result.wireBodyBytes < 2_000, "compressed on the wire: \(result.wireBodyBytes)")
    }

    @Test func withoutCompressionTheWireCarriesEveryByte() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(url: server.baseURL + "/gzip/20000")
        let result = try #require(try performOne(request, options: .init(acceptEncoding: nil)))
        #expect(result.bodyBytes == 20_000)
        #expect(result.wireBodyBytes == 20_000)
    }

    @Test func aRecordedAcceptEncodingIsSentAsIs() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(
            url: server.baseURL + "/echo", keepBodyBytes: 1 << 16, acceptEncoding: "br;q=1.0, gzip;q=0.8")
        let result = try #require(try performOne(request))
        let echo = String(decoding: result.body ?? [], as: UTF8.self)
        #expect(echo.contains("br;q=1.0, gzip;q=0.8"), "\(echo)")
    }

    @Test func encodingsLibcurlCannotDecodeAreLeftOut() {
        #expect(Curl.decodable("gzip, made-up, br") == "gzip, br")
        #expect(Curl.decodable("made-up") == nil)
        #expect(Curl.decodable(nil) == nil)
    }

    @Test func atMostSixConnectionsToOneHostAndTheRestQueue() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 64, maxConnectionsPerHost: 6)
        let share = try ShareHandle()
        let options = TransferOptions(allowHTTP2: false)
        let pairs = try (0..<10).map { _ in
            (try EasyHandle(options: options, share: share), HTTPRequest(url: server.baseURL + "/delay/300"))
        }
        let start = MonotonicClock.now()
        let results = try perform(pairs, on: multi)
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        #expect(results.allSatisfy { $0?.status == 200 })
        #expect(server.connectionCount <= 6, "a browser opens at most 6: \(server.connectionCount)")
        #expect(seconds >= 0.58, "the last 4 waited for a connection: two rounds of 300 ms, took \(seconds)s")
    }

    @Test func theCapIsPerShareSoUsersDoNotQueueBehindEachOther() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 64, maxConnectionsPerHost: 6)
        let options = TransferOptions(allowHTTP2: false)
        // Two users (shares) of 5 requests each: 10 connections, one round.
        let shares = [try ShareHandle(), try ShareHandle()]
        let pairs = try (0..<10).map { i in
            (try EasyHandle(options: options, share: shares[i % 2]), HTTPRequest(url: server.baseURL + "/delay/300"))
        }
        let start = MonotonicClock.now()
        let results = try perform(pairs, on: multi)
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        #expect(results.allSatisfy { $0?.status == 200 })
        #expect(server.connectionCount == 10)
        #expect(seconds < 0.58, "one round of 300 ms, took \(seconds)s")
    }

    @Test func errorsNameTheOptionLibcurlRefused() {
        #expect(Curl.name(of: CURLOPT_TIMEOUT_MS) == "CURLOPT_TIMEOUT_MS")
    }
}
