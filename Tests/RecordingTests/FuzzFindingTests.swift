import Foundation
import Scenario
import Testing

@testable import Recording

/// What the fuzzing of issue 13 §6 found in the import, each kept fixed: inputs whose flow did not load back.
@Suite struct FuzzFindingTests {
    /// `-H 'A: 1' -H 'a: 2'`: one header, its values joined (a flow's `headers:` is a mapping).
    @Test func repeatedHeadersAreOneHeader() throws {
        let result = try CurlImport.run(
            text: "curl https://a.test/x -H 'X-Tag: 1' -H 'x-tag: 2' -H 'Authorization: Bearer a' -H 'Authorization: b'"
        )
        let headers = try #require(result.flow.requests.first).headers
        #expect(headers.map(\.name) == ["X-Tag", "Authorization"])
        #expect(headers.first?.value.description == "1, 2")
    }

    /// `?owner=1&owner=2` and `-d 'done=true&done=false'`: sent as recorded, since `query:` and `form:` are mappings.
    @Test func repeatedNamesKeepTheRecordedText() throws {
        let result = try CurlImport.run(text: "curl 'https://a.test/t?owner=1&owner=2' -d 'done=true&done=false'")
        let request = try #require(result.flow.requests.first)
        #expect(request.query.isEmpty && request.url.description == "/t?owner=1&owner=2")
        guard case .raw(let body, _)? = request.body else {
            Issue.record("not a raw body: \(String(describing: request.body))")
            return
        }
        #expect(body.description == "done=true&done=false")
    }

    @Test func aJSONBodyWithARepeatedKeyIsSentAsRecorded() throws {
        let result = try CurlImport.run(text: #"curl https://a.test/x --json '{"a": 1, "b": {"c": 2, "c": 3}}'"#)
        guard case .raw(let body, _)? = try #require(result.flow.requests.first).body else {
            Issue.record("not a raw body")
            return
        }
        #expect(body.description == #"{"a": 1, "b": {"c": 2, "c": 3}}"#)
    }

    /// `postData.mimeType: ""`: no content type, rather than an empty one the loader refuses.
    @Test func anEmptyRecordedContentTypeIsNone() throws {
        let entry = HARText.entry("POST", "http://a.test/api/x", requestBody: "plain words").replacingOccurrences(
            of: "\"mimeType\": \"application/json\", \"text\": \"plain", with: "\"mimeType\": \"\", \"text\": \"plain")
        let result = try HARImport.run(path: try Fixtures.temporary(HARText.document(entries: [entry])))
        guard case .raw(_, let type)? = try #require(result.flow.requests.first).body else {
            Issue.record("not a raw body")
            return
        }
        #expect(type == nil)
    }
}
