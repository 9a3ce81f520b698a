import Foundation
import Testing

@testable import Recording

/// Bad input: each problem is an error naming the file, the place and what is wrong (exit code 2 in the CLI).
@Suite struct HARErrorTests {
    static func error(_ text: String, _ options: ImportOptions = ImportOptions()) throws -> ImportError? {
        let path = try Fixtures.temporary(text)
        return Fixtures.importError { try HARImport.run(path: path, options: options) }
    }

    @Test func truncatedFileNamesTheEntryAndTheByte() throws {
        let full = try String(contentsOfFile: Fixtures.path("mitmproxy.har"), encoding: .utf8)
        let cut = String(full.utf8.prefix(2_000))!
        let error = try #require(try Self.error(cut))
        #expect(error.message.hasPrefix("unexpected end of file inside log.entries[1]"))
        #expect(error.message.contains("(byte 2000)"))
        #expect(error.line == cut.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(error.hint?.contains("truncated") == true)
        #expect(error.description.contains(":\(error.line!):"))
    }

    @Test func truncatedInsideAString() throws {
        let error = try #require(try Self.error(#"{"log": {"entries": [{"request": {"url": "http://a.test/ap"#))
        #expect(error.message.hasPrefix("unexpected end of file inside log.entries[0]"))
    }

    @Test func notJSONAtAll() throws {
        let error = try #require(try Self.error("name: flow\nsteps: []\n"))
        #expect(error.message.hasPrefix("not JSON") && error.line == 1 && error.column == 1)
    }

    @Test func jsonThatIsNotAHAR() throws {
        #expect(try Self.error("[1, 2]")?.message.hasPrefix("not a HAR file: the top level is a JSON list") == true)
        let noLog = try #require(try Self.error(#"{"version": 1, "data": {"entries": []}}"#))
        #expect(noLog.message == "not a HAR file: no \"log\" at the top level (found \"version\", \"data\")")
        #expect(
            try Self.error(#"{"log": {"version": "1.2"}}"#)?.message == "not a HAR file: \"log\" has no \"entries\"")
        #expect(
            try Self.error(#"{"log": {"entries": {}}}"#)?.message.hasPrefix("not a HAR file: log.entries is not a list")
                == true)
    }

    @Test func emptyFileAndEmptyEntries() throws {
        #expect(try Self.error("")?.message == "the file is empty")
        let empty = try #require(try Self.error(HARText.document(entries: [])))
        #expect(empty.message == "the HAR file has no entries (log.entries is empty)" && empty.hint != nil)
    }

    @Test func entryWithoutURLNamesItsIndex() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "http://a.test/api/me"),
            #"{"request": {"method": "GET", "headers": []}, "response": {"status": 200}}"#,
        ])
        let error = try #require(try Self.error(har))
        #expect(error.message.hasPrefix("log.entries[1]: missing \"request.url\""))
        #expect(error.line == 5 && error.column == 1)
    }

    @Test func entryOfTheWrongShape() throws {
        let har = HARText.document(entries: [#"{"request": {"method": "GET", "url": 5, "headers": []}}"#])
        #expect(try Self.error(har)?.message.hasPrefix("log.entries[0]: request.url: expected a string") == true)
    }

    @Test func mismatchedBrackets() throws {
        let error = try #require(try Self.error(#"{"log": {"entries": [{"request": [}]}}"#))
        #expect(error.message.contains("brackets do not match"))
    }

    @Test func trailingGarbage() throws {
        let har = HARText.document(entries: [HARText.entry("GET", "http://a.test/x")]) + " }"
        #expect(try Self.error(har)?.message.hasPrefix("unexpected text after the end of the JSON document") == true)
    }

    @Test func missingFile() {
        let error = Fixtures.importError { try HARImport.run(path: "/nonexistent/x.har") }
        #expect(error?.description == "/nonexistent/x.har: error: file not found")
    }

    @Test func nothingLeftAfterFiltering() throws {
        let har = HARText.document(entries: [
            HARText.entry(
                "GET", "https://app.test/", mime: "text/html", body: "<html>", extra: #""_resourceType": "document""#),
            HARText.entry("GET", "https://app.test/app.js", mime: "application/javascript"),
        ])
        let error = try #require(
            try Self.error(
                har,
                {
                    var o = ImportOptions()
                    o.excludePatterns = ["app\\.test/$"]
                    return o
                }()))
        #expect(
            error.message
                == "no request left to import: all 2 entries were dropped (matched --exclude 'app\\.test/$' 1, static asset 1)"
        )
        let hosts = try #require(
            try Self.error(
                har,
                {
                    var o = ImportOptions()
                    o.includeHosts = ["api.test"]
                    return o
                }()))
        #expect(hosts.message.contains("other host"))
        #expect(hosts.hint?.contains("--include-host app.test") == true)
    }

    @Test func badExcludePattern() throws {
        let har = HARText.document(entries: [HARText.entry("GET", "http://a.test/x")])
        var options = ImportOptions()
        options.excludePatterns = ["(unclosed"]
        let error = try #require(try Self.error(har, options))
        #expect(error.file == "--exclude" && error.message == "invalid regular expression '(unclosed'")
    }
}

extension HARErrorTests {
    /// A status that is no HTTP status is a located error, not a crash — and text (`"abc"`, issue 13 §4) is
    /// rejected like `-1`, never read as "no response" and silently dropped.
    @Test(arguments: ["1e300", "\"1e999\"", "-1", "200.5", "1000", "\"abc\"", "true", "[200]", "{}", "\"a\\r\\nb\""])
    func statusOutOfRange(_ status: String) throws {
        let entry = HARText.entry("GET", "http://a.test/api/x").replacingOccurrences(
            of: "\"status\": 200", with: "\"status\": \(status)")
        let error = try #require(try Self.error(HARText.document(entries: [entry])))
        #expect(error.message.hasPrefix("log.entries[0]: response.status: "), "\(error)")
        #expect(error.message.contains("is not an HTTP status"))
        #expect(error.line != nil)
    }
}

extension HARErrorTests {
    /// Issue 13 §4: a request header or method that would break its line is refused at import, never written.
    @Test func lineBreaksInRequestHeadersAndMethodsAreRefused() throws {
        let header = HARText.entry(
            "GET", "http://a.test/api/x", requestHeaders: [("X-Test", "abc\r\nX-Injected: yes")])
        let error = try #require(try Self.error(HARText.document(entries: [header])))
        #expect(
            error.message.hasPrefix(
                "log.entries[0]: request.headers[0]: the value of header 1 holds a line break or NUL"))
        let name = HARText.entry("GET", "http://a.test/api/x", requestHeaders: [("X-A\u{0}", "b")])
        #expect(try Self.error(HARText.document(entries: [name]))?.message.contains("header name") == true)
        let method = HARText.entry("GET", "http://a.test/api/x").replacingOccurrences(
            of: "\"method\": \"GET\"", with: #""method": "GET\r\nX: y""#)
        let methodError = try Self.error(HARText.document(entries: [method]))
        #expect(methodError?.message.hasPrefix("log.entries[0]: request.method: holds a line break or NUL") == true)
    }
}
