import Metrics
import Transport

/// Builds the evidence of a failed request with secrets removed: values of credential headers, cookies and
/// every known secret value.
enum Evidence {
    /// Response and request body bytes kept in evidence.
    static let bodyBytes = 2048

    static func make(
        flow: String, step: String, role: String, request: HTTPRequest, result: TransferResult,
        sample: RequestSample, secrets: SecretList
    ) -> FailureEvidence {
        let t = result.timings
        var timings: [String: Double] = ["total": Double(sample.totalMicros) / 1000]
        if result.failure == nil {
            timings["ttfb"] = Double(t.firstByteMicros) / 1000
            timings["transfer"] = Double(t.transferMicros) / 1000
            if result.newConnections > 0 {
                timings["dns"] = Double(t.dnsMicros) / 1000
                timings["connect"] = Double(t.connectMicros) / 1000
                if t.tlsMicros > 0 { timings["tls"] = Double(t.tlsMicros) / 1000 }
            }
        }
        return FailureEvidence(
            flow: flow, step: step, role: role, error: sample.error?.rawValue ?? "", message: sample.message ?? "",
            method: request.method, url: secrets.redact(request.url),
            requestHeaders: request.headerLines.map { header($0, secrets) },
            requestBody: request.body.map { text($0, secrets) }, status: result.status,
            responseHeaders: (result.headers ?? []).map { header("\($0.name): \($0.value)", secrets) },
            responseBody: result.body.map { text($0, secrets) }, timingsMs: timings)
    }

    /// Header names whose values are credentials whatever they hold.
    static func isCredential(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains(n)
            || ["token", "secret", "key", "password", "session", "auth"].contains { n.contains($0) }
    }

    private static func header(_ line: String, _ secrets: SecretList) -> String {
        guard let colon = line.firstIndex(of: ":") else { return secrets.redact(line) }
        let name = String(line[..<colon])
        return isCredential(name) ? "\(name): ***" : secrets.redact(line)
    }

    private static func text(_ bytes: [UInt8], _ secrets: SecretList) -> String {
        let cut = bytes.count > bodyBytes
        let shown = secrets.redact(String(decoding: bytes.prefix(bodyBytes), as: UTF8.self))
        return cut ? shown + "… (\(bytes.count) bytes)" : shown
    }
}
