import Foundation
import Testing

@testable import Recording

/// Reading each dialect: what real writers put in a HAR, as the rest of the import sees it.
@Suite struct HARReaderTests {
    /// Reads every entry of a fixture, without filtering.
    static func read(_ name: String) throws -> (exchanges: [RecordedExchange], summary: HARReader.Summary) {
        var exchanges: [RecordedExchange] = []
        let summary = try HARReader.read(path: Fixtures.path(name)) { exchanges.append($0) }
        return (exchanges, summary)
    }

    @Test func chromeDropsHTTP2PseudoHeadersAndKeepsResourceTypes() throws {
        let (entries, summary) = try Self.read("chrome.har")
        #expect(entries.count == 16 && summary.entryCount == 16)
        #expect(
            summary.pages == [
                HARPage(id: "page_1", title: "Sign in"),
                HARPage(id: "page_2", title: "https://staging.example.test/dashboard"),
            ])
        let login = try #require(entries.first { $0.request.url.hasSuffix("/api/login") })
        #expect(!login.request.headers.contains { $0.name.hasPrefix(":") })
        #expect(login.resourceType == "fetch" && login.pageref == "page_1")
        #expect(login.request.body?.text.contains("\"email\"") == true)
        #expect(login.response?.status == 200 && login.response?.body?.contains("access_token") == true)
        #expect(entries.first { $0.request.url.hasSuffix("/api/config") }?.fromCache == true)
        // `time: -1` (unknown) reads as 0, never as a negative duration.
        #expect(entries.last?.duration == 0)
    }

    @Test func chromeScriptsAndFontsAreNeverKeptAsText() throws {
        let (entries, _) = try Self.read("chrome.har")
        let script = try #require(entries.first { $0.request.url.hasSuffix(".js") })
        #expect(script.response?.body == nil)
    }

    @Test func firefoxFormPostAndBase64Image() throws {
        let (entries, summary) = try Self.read("firefox.har")
        #expect(entries.count == 6 && summary.pages.map(\.title) == ["Sign in – Example", "Tasks – Example"])
        let login = try #require(entries.first { $0.request.method == "POST" })
        #expect(login.request.body?.text.hasPrefix("username=ada&password=") == true)
        #expect(login.response?.status == 302)
        // A binary body in base64 is not kept; an HTML body is.
        #expect(entries[1].response?.body == nil)
        #expect(entries[0].response?.body?.contains("csrf-token") == true)
        #expect(entries[0].started == 1_714_986_000)
    }

    @Test func safariWithoutPagesTimingsOrTime() throws {
        let (entries, summary) = try Self.read("safari.har")
        #expect(entries.count == 4 && summary.pages.isEmpty)
        #expect(entries.allSatisfy { $0.pageref == nil && $0.resourceType == nil })
        #expect(entries[2].duration == 0 && entries[0].duration == 12)
        #expect(entries[3].response?.status == 0)
    }

    @Test func mitmproxyMicrosecondTimesAndBase64JSON() throws {
        let (entries, summary) = try Self.read("mitmproxy.har")
        #expect(entries.count == 3 && summary.pages.isEmpty)
        #expect(abs((entries[0].started ?? 0) - 1_714_986_000.000123) < 1e-6)
        #expect(entries[1].response?.body == #"{"tasks": [{"id": 10100, "title": "Review the Q3 roadmap"}]}"#)
    }

    @Test func charlesParamsOnlyBodiesZoneOffsetsAndMissingMimeType() throws {
        let (entries, _) = try Self.read("charles.har")
        #expect(entries[0].request.body?.text == "email=bob%40example.test&password=hunter2-but-longer&remember=on")
        #expect(entries[0].request.body?.mimeType == "application/x-www-form-urlencoded")
        // 11:00:00.000+02:00 is 09:00:00Z.
        #expect(entries[0].started == 1_714_986_000)
        #expect(entries[0].response?.body?.contains("CART-2024-77812") == true)
        #expect(entries[1].response?.mimeType == nil && entries[1].response?.body?.contains("SKU-88231") == true)
    }

    @Test func relativeURLIsCompletedFromAuthority() throws {
        let har = HARText.document(entries: [
            #"{"request": {"method": "GET", "url": "/api/me", "headers": [{"name": ":authority", "value": "h.test:8443"}, {"name": ":scheme", "value": "https"}]}}"#
        ])
        var seen: [RecordedExchange] = []
        _ = try HARReader.read(path: try Fixtures.temporary(har)) { seen.append($0) }
        #expect(seen.map(\.request.url) == ["https://h.test:8443/api/me"])
    }

    @Test func timestamps() {
        #expect(HARTimestamp.parse("1970-01-01T00:00:00Z") == 0)
        #expect(HARTimestamp.parse("1970-01-01T01:00:00+01:00") == 0)
        #expect(HARTimestamp.parse("1970-01-01T01:00:00.5+0100") == 0.5)
        #expect(HARTimestamp.parse("2024-02-29T12:00:00.123456-05:00") == 1_709_226_000.123456)
        #expect(HARTimestamp.parse("yesterday") == nil)
        #expect(HARTimestamp.parse("2024-13-01T00:00:00Z") == nil)
    }
}

/// Small HAR documents written inline for edge cases.
enum HARText {
    static func document(entries: [String], pages: String? = nil) -> String {
        let pagesPart = pages.map { "\"pages\": \($0), " } ?? ""
        return #"{"log": {"version": "1.2", "creator": {"name": "test"}, "# + pagesPart + #""entries": ["#
            + entries.joined(separator: ",\n") + "]}}"
    }

    /// An entry; `extra` is added inside the entry object.
    static func entry(
        _ method: String = "GET", _ url: String, at ms: Int = 0, time: Double = 10, status: Int = 200,
        mime: String = "application/json", body: String? = nil, requestBody: String? = nil,
        requestHeaders: [(String, String)] = [], responseHeaders: [(String, String)] = [], extra: String = ""
    ) -> String {
        func json(_ s: String) -> String { String(data: try! JSONEncoder().encode(s), encoding: .utf8)! }
        func headers(_ h: [(String, String)]) -> String {
            "[" + h.map { "{\"name\": \(json($0.0)), \"value\": \(json($0.1))}" }.joined(separator: ", ") + "]"
        }
        let seconds = ms / 1000
        let millis = ms % 1000
        let started = String(format: "2024-05-06T10:%02d:%02d.%03dZ", seconds / 60, seconds % 60, millis)
        let post =
            requestBody.map { ", \"postData\": {\"mimeType\": \"application/json\", \"text\": \(json($0))}" } ?? ""
        let text = body.map { ", \"text\": \(json($0))" } ?? ""
        return """
            {"startedDateTime": "\(started)", "time": \(time)\(extra.isEmpty ? "" : ", " + extra),
             "request": {"method": "\(method)", "url": \(json(url)), "headers": \(headers(requestHeaders))\(post)},
             "response": {"status": \(status), "headers": \(headers(responseHeaders)),
                          "content": {"mimeType": "\(mime)"\(text)}}}
            """
    }
}
