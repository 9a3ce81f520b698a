import Foundation
import Recording
import Testing

/// A large, realistic HAR for measuring the import's time and memory (README "Import"): page loads with
/// scripts, styles, images and fonts (base64), analytics calls and JSON API calls with a bearer token.
///
/// Not a fixture: `REHEARSAL_LARGE_HAR=/tmp/big.har swift test --filter LargeHAR` writes one (about
/// `REHEARSAL_LARGE_HAR_MB`, default 100 MB) and imports it once; time the release binary on it with
/// `/usr/bin/time -v .build/release/rehearse import har /tmp/big.har -o /tmp/big.yaml`.
enum LargeHAR {
    /// Writes the HAR to `path`, entry by entry, until it holds about `megabytes` MB.
    static func write(to path: String, megabytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var random = SplitMix(seed: 42)
        var written = 0
        var ms = 0
        var first = true
        func emit(_ text: String) {
            let data = Data(text.utf8)
            file.write(data)
            written += data.count
        }
        emit(
            #"{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": ["#
        )
        func entry(_ text: String) {
            emit((first ? "\n" : ",\n") + text)
            first = false
        }
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2FkIn0.bGFyZ2UtaGFyLXNpZ25hdHVyZQ"
        entry(
            item(
                "POST", "/api/login", ms: ms, type: "fetch", mime: "application/json",
                body: #"{"access_token": "\#(token)", "user": {"id": "u-7781"}}"#,
                post: #"{"email": "load@example.test", "password": "pw-load-1234"}"#))
        var page = 0
        while written < megabytes * 1_000_000 {
            page += 1
            ms += 3_000
            entry(item("GET", "/page/\(page)", ms: ms, type: "document", mime: "text/html", body: random.text(20_000)))
            for i in 0..<12 {
                entry(
                    item(
                        "GET", "/static/chunk-\(page)-\(i).js", ms: ms + 50 + i, type: "script",
                        mime: "application/javascript", body: random.text(40_000)))
            }
            for i in 0..<6 {
                entry(
                    item(
                        "GET", "/img/\(page)-\(i).png", ms: ms + 80 + i, type: "image", mime: "image/png",
                        body: random.base64(30_000), base64: true))
            }
            entry(
                item(
                    "GET", "/fonts/inter-\(page).woff2", ms: ms + 90, type: "font", mime: "font/woff2",
                    body: random.base64(60_000), base64: true))
            for i in 0..<3 {
                entry(
                    item(
                        "POST", "https://analytics.example.net/collect?p=\(page)&i=\(i)", ms: ms + 95, type: "ping",
                        mime: "text/plain", body: ""))
            }
            for i in 0..<10 {
                let ids = (0..<(20 + Int(random.next() % 80))).map {
                    "{\"id\": \(page * 1000 + $0), \"title\": \"task \(random.next() % 9999)\"}"
                }
                entry(
                    item(
                        "GET", "/api/page/\(page)/list/\(i)?limit=50", ms: ms + 200 + i * 3, type: "xhr",
                        mime: "application/json", body: "{\"items\": [" + ids.joined(separator: ", ") + "]}",
                        headers: [("authorization", "Bearer " + token)]))
            }
        }
        emit("\n]}}\n")
    }

    private static func item(
        _ method: String, _ path: String, ms: Int, type: String, mime: String, body: String, base64: Bool = false,
        post: String? = nil, headers: [(String, String)] = []
    ) -> String {
        let url = path.hasPrefix("http") ? path : "https://app.big.test" + path
        let seconds = ms / 1000
        let started = String(
            format: "2024-05-06T%02d:%02d:%02d.%03dZ", 8 + seconds / 3600, seconds / 60 % 60, seconds % 60, ms % 1000)
        let common: [(String, String)] = [
            (":authority", "app.big.test"), (":method", method), (":path", path), (":scheme", "https"),
            ("accept", "*/*"), ("accept-encoding", "gzip, deflate, br"), ("accept-language", "en-US,en;q=0.9"),
            ("sec-ch-ua", "\\\"Chromium\\\";v=\\\"124\\\""), ("sec-fetch-dest", "empty"), ("sec-fetch-mode", "cors"),
            ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"),
        ]
        let requestHeaders = (common + headers).map { "{\"name\": \"\($0.0)\", \"value\": \"\($0.1)\"}" }.joined(
            separator: ", ")
        let postData =
            post.map { ", \"postData\": {\"mimeType\": \"application/json\", \"text\": \"\(escaped($0))\"}" } ?? ""
        return """
            {"_resourceType": "\(type)", "_priority": "High", "cache": {}, "startedDateTime": "\(started)", "time": 42.5,
             "request": {"method": "\(method)", "url": "\(url)", "httpVersion": "http/2.0", "headers": [\(requestHeaders)], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0\(postData)},
             "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "headers": [{"name": "content-type", "value": "\(mime)"}, {"name": "cache-control", "value": "max-age=0"}, {"name": "date", "value": "Mon, 06 May 2024 08:00:00 GMT"}], "cookies": [],
              "content": {"size": \(body.utf8.count), "mimeType": "\(mime)", "text": "\(escaped(body))"\(base64 ? ", \"encoding\": \"base64\"" : "")}, "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": 1200},
             "timings": {"blocked": 0.4, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1, "wait": 40, "receive": 2}}
            """
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// A small deterministic generator (SplitMix64) for body text.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        private static let letters = Array(
            "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(){};=.,+-".utf8)
        private static let base64Letters = Array(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

        mutating func text(_ count: Int) -> String { String(decoding: bytes(count, Self.letters), as: UTF8.self) }
        mutating func base64(_ count: Int) -> String {
            String(decoding: bytes(count, Self.base64Letters), as: UTF8.self)
        }

        private mutating func bytes(_ count: Int, _ alphabet: [UInt8]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            for i in 0..<count { out[i] = alphabet[Int(next() % UInt64(alphabet.count))] }
            return out
        }
    }
}

@Suite struct LargeHARTests {
    static let path = ProcessInfo.processInfo.environment["REHEARSAL_LARGE_HAR"]

    @Test(.enabled(if: path != nil, "set REHEARSAL_LARGE_HAR=/tmp/big.har to write and import a large HAR"))
    func writeAndImport() throws {
        let path = try #require(Self.path)
        let megabytes = Int(ProcessInfo.processInfo.environment["REHEARSAL_LARGE_HAR_MB"] ?? "") ?? 100
        try LargeHAR.write(to: path, megabytes: megabytes)
        let start = Date()
        let result = try HARImport.run(path: path)
        print(
            "imported \(path) (debug build) in \(Date().timeIntervalSince(start))s: \(result.report.requests) requests")
        #expect(result.report.dropped.total > result.report.requests)
        #expect(!result.yaml.contains("pw-load-1234") && !result.yaml.contains("bGFyZ2UtaGFyLXNpZ25hdHVyZQ"))
    }
}
