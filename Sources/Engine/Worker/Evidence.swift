import Metrics
import Secrets
import Transport

/// Builds the evidence of a failed request with every secret masked (`SecretMask`): the URL (user info, credential
/// parameters, known values), credential headers whole, other headers and both bodies as text.
enum Evidence {
    /// Response and request body bytes kept in evidence.
    static let bodyBytes = 2048

    static func make(
        flow: String, step: String, role: String, request: HTTPRequest, result: TransferResult,
        sample: RequestSample, secrets: SecretMask
    ) -> FailureEvidence {
        let t = result.timings
        var timings: [String: Double] = ["total": Double(sample.totalMicros) / 1000]
        if result.failure == nil {
            if t.firstByteKnown {
                timings["ttfb"] = Double(t.firstByteMicros) / 1000
                timings["transfer"] = Double(t.transferMicros) / 1000
            }
            if result.newConnections > 0 {
                timings["dns"] = Double(t.dnsMicros) / 1000
                timings["connect"] = Double(t.connectMicros) / 1000
                if t.tlsMicros > 0 { timings["tls"] = Double(t.tlsMicros) / 1000 }
            }
        }
        return FailureEvidence(
            flow: flow, step: step, role: role, error: sample.error?.rawValue ?? "",
            message: secrets.mask(sample.message ?? ""), method: request.method, url: secrets.mask(request.url),
            requestHeaders: request.headerLines.map { secrets.maskHeaderLine($0) },
            requestBody: request.body.map { text($0, secrets) }, status: result.status,
            responseHeaders: (result.headers ?? []).map {
                "\($0.name): \(secrets.maskHeader($0.name, value: $0.value))"
            },
            responseBody: result.body.map { text($0, secrets) }, timingsMs: timings)
    }

    private static func text(_ bytes: [UInt8], _ secrets: SecretMask) -> String {
        let cut = bytes.count > bodyBytes
        let shown = secrets.mask(String(decoding: bytes.prefix(bodyBytes), as: UTF8.self))
        return cut ? shown + "… (\(bytes.count) bytes)" : shown
    }
}
