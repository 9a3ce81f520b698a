import Foundation
import Scenario
import Testing

@testable import Recording

/// What is kept and what is dropped, with every drop counted by reason.
@Suite struct FilterTests {
    @Test func chromeDropsAssetsBeaconsPreflightsCacheAndOtherHosts() throws {
        let result = try Fixtures.importHAR("chrome.har")
        let dropped = result.report.dropped.categories.map { "\($0.category) \($0.count)" }
        #expect(
            dropped == [
                "static asset 3", "beacon/ping (analytics) 1", "CORS preflight (sent by the browser itself) 1",
                "answered from the browser cache (never sent) 1", "other host 1",
            ])
        #expect(result.report.dropped.total + result.report.requests == result.report.entries)
        #expect(
            result.flow.requests.map(\.method) == ["GET", "POST", "GET", "GET", "GET", "GET", "GET", "PATCH", "GET"])
        #expect(!result.yaml.contains("google-analytics") && !result.yaml.contains("thirdparty"))
    }

    @Test func safariDropsDataURLsAndUnansweredRequests() throws {
        let report = try Fixtures.importHAR("safari.har").report
        #expect(report.dropped.counts == [.notHTTP(scheme: "data:"): 1, .noResponse: 1])
    }

    @Test func urlsLibcurlCannotReadAreDroppedAsUnreadable() throws {
        var filter = try EntryFilter(excludes: [], includes: [])
        for (index, url) in [
            "https://a.test/ok", "https://a b.test/x", "http://a.test:99999/", "blob:https://a.test/1",
        ]
        .enumerated() {
            filter.add(
                RecordedExchange(
                    index: index, started: nil, duration: 0, pageref: nil, resourceType: nil, fromCache: false,
                    request: RecordedRequest(method: "GET", url: url, headers: []), response: nil))
        }
        #expect(filter.candidates.map(\.url.path) == ["/ok"])
        #expect(
            filter.drops.counts == [
                .notHTTP(scheme: "unreadable https:"): 1, .notHTTP(scheme: "unreadable http:"): 1,
                .notHTTP(scheme: "blob:"): 1,
            ])
    }

    @Test func assetsByExtensionAndMimeWithoutResourceType() {
        func reason(_ url: String, mime: String? = nil, type: String? = nil) -> DropReason? {
            let exchange = RecordedExchange(
                index: 0, started: nil, duration: 0, pageref: nil, resourceType: type, fromCache: false,
                request: RecordedRequest(method: "GET", url: url, headers: []),
                response: RecordedResponse(status: 200, headers: [], mimeType: mime, body: nil))
            return AssetClassifier.dropReason(exchange, url: RecordedURL.parse(url)!)
        }
        #expect(reason("https://a.test/logo.SVG") == .staticAsset(kind: "image"))
        #expect(reason("https://a.test/fonts/x.woff2?v=3") == .staticAsset(kind: "font"))
        #expect(reason("https://a.test/bundle.js.map") == .staticAsset(kind: "source map"))
        #expect(reason("https://a.test/asset", mime: "image/webp") == .staticAsset(kind: "image"))
        #expect(reason("https://a.test/asset", mime: "text/javascript; charset=utf-8") == .staticAsset(kind: "script"))
        #expect(reason("https://a.test/api/items", mime: "application/json") == nil)
        #expect(reason("https://a.test/api/items.js", type: "xhr") == nil)
        #expect(reason("https://a.test/socket", type: "websocket") == .stream)
        #expect(reason("https://a.test/events", mime: "text/event-stream") == .stream)
    }

    @Test func mainHostIsTheFirstDocumentsSiteWithItsSiblings() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "https://tracker.test/pixel", at: 0),
            HARText.entry("GET", "https://app.example.test/", at: 10, mime: "text/html", body: "<html>"),
            HARText.entry("GET", "https://api.example.test/v1/me", at: 20),
            HARText.entry("GET", "https://tracker.test/collect", at: 30),
            HARText.entry("GET", "https://tracker.test/collect2", at: 40),
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        #expect(result.report.origins.entries.map(\.variable) == ["BASE_URL", "API_BASE_URL"])
        #expect(result.report.dropped.counts == [.otherHost(host: "tracker.test"): 3])
        #expect(result.flow.requests.map(\.url.description) == ["/", "{{env.API_BASE_URL}}/v1/me"])
    }

    @Test func withoutADocumentTheMostFrequentHostWins() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "https://a.test/x", at: 0),
            HARText.entry("GET", "https://b.test/y", at: 10),
            HARText.entry("GET", "https://b.test/z", at: 20),
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        #expect(result.report.origins.mainOrigin == "https://b.test")
        #expect(result.report.requests == 2)
    }

    @Test func includeHostKeepsExactlyTheNamedHosts() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "https://app.example.test/", at: 0, mime: "text/html", body: "<html>"),
            HARText.entry("GET", "https://api.example.test/v1/me", at: 20),
            HARText.entry("GET", "https://other.test:8443/v1/x", at: 30),
        ])
        var options = ImportOptions()
        options.includeHosts = ["api.example.test", "other.test:8443"]
        let result = try HARImport.run(path: try Fixtures.temporary(har), options: options)
        #expect(result.report.origins.mainOrigin == "https://api.example.test")
        #expect(result.flow.requests.map(\.url.description) == ["/v1/me", "{{env.OTHER_BASE_URL}}/v1/x"])
        #expect(result.report.dropped.counts == [.otherHost(host: "app.example.test"): 1])
        options.includeHosts = ["*.example.test"]
        #expect(try HARImport.run(path: try Fixtures.temporary(har), options: options).report.requests == 2)
    }

    @Test func excludeDropsMatchingURLs() throws {
        var options = ImportOptions()
        options.excludePatterns = ["/api/notifications", "tasks/\\d+$"]
        let report = try Fixtures.importHAR("chrome.har", options).report
        #expect(report.dropped.counts[.excluded(pattern: "/api/notifications")] == 1)
        #expect(report.dropped.counts[.excluded(pattern: "tasks/\\d+$")] == 2)
    }

    @Test func sites() {
        #expect(Site.of("api.staging.example.com") == "example.com")
        #expect(Site.of("shop.example.co.uk") == "example.co.uk")
        #expect(Site.of("127.0.0.1") == "127.0.0.1" && Site.of("localhost") == "localhost")
    }

    @Test func headersKeptAndDropped() throws {
        let result = try Fixtures.importHAR("chrome.har")
        let names = Set(result.flow.requests.flatMap { $0.headers.map { $0.name.lowercased() } })
        #expect(names == ["accept", "apikey", "authorization", "cookie", "origin", "if-match"])
    }
}

/// Recorded things the flow format cannot say directly.
@Suite struct FormatLimitTests {
    @Test func methodsFlowsCannotSendAreDropped() throws {
        let har = HARText.document(entries: [
            HARText.entry("PROPFIND", "http://a.test/dav/", at: 0), HARText.entry("GET", "http://a.test/api/x", at: 10),
        ])
        let report = try HARImport.run(path: try Fixtures.temporary(har)).report
        #expect(report.dropped.counts == [.unsupportedMethod("PROPFIND"): 1])
        let curl = Fixtures.importError { try CurlImport.run(text: "curl -X PROPFIND https://a.test/dav/") }
        #expect(curl?.message == "--request PROPFIND: flows cannot send this method (command 1)")
    }

    @Test func recordedDoubleBracesAreReadFromTheEnvironment() throws {
        let har = HARText.document(entries: [
            HARText.entry(
                "POST", "http://a.test/api/templates", at: 0, requestBody: #"{"text": "Hello {{name}}", "n": 1}"#,
                requestHeaders: [("X-Template", "{{x}}")])
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        let request = try #require(result.flow.requests.first)
        #expect(request.headers.map(\.value.description) == ["{{env.TEXT_X_TEMPLATE}}"])
        #expect(request.body == .json(.object([("text", .string("{{env.TEXT_TEXT}}")), ("n", .number(1))])))
        #expect(result.report.notes.count == 2 && result.report.notes[0].hasPrefix("x-template of POST /api/templates"))
    }
}

extension FormatLimitTests {
    @Test func bigIntegersKeepTheirExactText() throws {
        let body = #"{"id": 1234567890123456789, "n": 2}"#
        let har = HARText.document(entries: [HARText.entry("POST", "http://a.test/api/x", requestBody: body)])
        let request = try #require(try HARImport.run(path: try Fixtures.temporary(har)).flow.requests.first)
        // Written compactly, but with the recorded digits (its fields still go through the role and secret rules).
        #expect(
            request.body
                == .raw(Template(literal: #"{"id":1234567890123456789,"n":2}"#), contentType: "application/json"))
    }
}

/// A request body the import cannot read is dropped and counted, never sent empty or as base64 text.
@Suite struct UndecodableBodyTests {
    static func importing(postData: String) throws -> ImportResult {
        let kept = HARText.entry("GET", "http://a.test/api/me", at: 0)
        let entry = HARText.entry("POST", "http://a.test/api/upload", at: 100).replacingOccurrences(
            of: "\"headers\": []}", with: "\"headers\": [], \"postData\": \(postData)}")
        #expect(entry.contains("postData"))
        return try HARImport.run(path: try Fixtures.temporary(HARText.document(entries: [kept, entry])))
    }

    @Test(arguments: [
        #"{"mimeType": "text/plain", "text": "caf\udce9"}"#,
        #"{"mimeType": "text/plain", "text": "//79/A==", "encoding": "base64"}"#,
        #"{"mimeType": "text/plain", "text": "%%%not base64%%%", "encoding": "base64"}"#,
    ])
    func droppedWithAReason(_ postData: String) throws {
        let result = try Self.importing(postData: postData)
        #expect(result.flow.requests.map(\.name) == ["GET /api/me"])
        #expect(
            result.report.dropped.categories.map(\.category) == ["request body not UTF-8 text (binary or bad base64)"])
    }

    @Test func decodableBase64IsKept() throws {
        let result = try Self.importing(
            postData: #"{"mimeType": "text/plain", "text": "aGVsbG8=", "encoding": "base64"}"#)
        #expect(
            result.flow.request("POST /api/upload")?.body == .raw(Template(literal: "hello"), contentType: "text/plain")
        )
    }
}

/// Recorded `{{` anywhere in a request never reaches the flow as a placeholder, nor breaks the import.
@Suite struct LiteralBracesTests {
    @Test func bracesInEveryPart() throws {
        let login = #"{"email": "ada@example.test", "password": "S3cret-Passw0rd!"}"#
        let har = HARText.document(entries: [
            HARText.entry("POST", "http://a.test/api/login", at: 0, requestBody: login),
            HARText.entry(
                "GET", "http://a.test/api/t/{{z}}%20x?q={{vu}}+x", at: 100,
                requestHeaders: [("Cookie", "prefs={{x}}; sid=abcdef123456")]),
            HARText.entry(
                "POST", "http://a.test/api/mail", at: 200,
                requestBody: "Dear {{vu}}, write to ada@example.test", extra: ""),
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        for request in result.flow.requests {
            let templates = [request.url] + request.headers.map(\.value)
            for template in templates {
                #expect(!template.variables.contains(.vu) && !template.variables.contains(.capture("z")))
            }
            if case .raw(let body, _) = request.body { #expect(!body.variables.contains(.vu)) }
        }
        #expect(!result.yaml.contains("abcdef123456"))
        let get = try #require(result.flow.requests.dropFirst().first)
        #expect(get.url.description.hasPrefix("/api/t/{{env.TEXT_PATH}}?"))
        #expect(result.report.notes.count == 4, "\(result.report.notes)")
    }
}
