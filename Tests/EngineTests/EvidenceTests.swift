import Metrics
import Secrets
import Testing
import Transport

@testable import Engine

/// The probe's evidence shows no secret: URL (user info, credential parameters), headers, and both bodies.
@Suite("Evidence")
struct EvidenceTests {
    @Test func everyPartIsMasked() {
        var secrets = SecretMask(values: ["hunter2-pass"])
        secrets.learn("tok_captured_123")
        let request = HTTPRequest(
            method: "POST", url: "http://ada:base-pw@127.0.0.1:9/login?access_token=tok_captured_123&x=1",
            headerLines: ["Authorization: Bearer abc.def", "X-Debug: t=tok_captured_123", "Accept: */*"],
            body: Array(#"{"email":"ada@example.test","password":"hunter2-pass"}"#.utf8))
        var result = TransferResult(
            status: 500, body: Array(#"{"token":"server-token-1","echo":"tok_captured_123"}"#.utf8),
            headers: [("Set-Cookie", "session=s-1"), ("Content-Type", "application/json")])
        result.bodyBytes = result.body?.count ?? 0
        let evidence = Evidence.make(
            flow: "f", step: "s", role: "r", request: request, result: result,
            sample: RequestSample(totalMicros: 1000, error: .http5xx, message: "HTTP 500"), secrets: secrets)
        #expect(evidence.url == "http://***@127.0.0.1:9/login?access_token=***&x=1")
        #expect(evidence.requestHeaders == ["Authorization: ***", "X-Debug: t=***", "Accept: */*"])
        #expect(evidence.requestBody == #"{"email":"ada@example.test","password":"***"}"#)
        #expect(evidence.responseHeaders == ["Set-Cookie: ***", "Content-Type: application/json"])
        #expect(evidence.responseBody == #"{"token":"***","echo":"***"}"#)
    }
}
