/// The curl options `rehearse import curl` understands: what browsers put in "Copy as cURL" and what people
/// add by hand. Anything else is an error naming the option, so nothing is silently lost.
enum CurlOption: Equatable {
    case header, request, data, dataRaw, dataBinary, dataASCII, dataURLEncode, json, cookie, user, url, get
    case head, userAgent, referer
    /// Accepted and ignored, with a note when it changes what a replay does.
    case ignored(note: String?)
    /// Accepted and ignored, taking a value (`--max-time 10`).
    case ignoredWithValue(note: String?)
    /// Known but not importable; the message says why.
    case unsupported(reason: String)

    var takesValue: Bool {
        switch self {
        case .header, .request, .data, .dataRaw, .dataBinary, .dataASCII, .dataURLEncode, .json, .cookie, .user,
            .url, .userAgent, .referer, .ignoredWithValue:
            true
        default: false
        }
    }

    static let long: [String: CurlOption] = [
        "--header": .header, "--request": .request, "--data": .data, "--data-raw": .dataRaw,
        "--data-binary": .dataBinary, "--data-ascii": .dataASCII, "--data-urlencode": .dataURLEncode,
        "--json": .json, "--cookie": .cookie, "--user": .user, "--url": .url, "--get": .get, "--head": .head,
        "--user-agent": .userAgent, "--referer": .referer,
        "--compressed": .ignored(note: nil),
        "--insecure": .ignored(note: "--insecure: set target.verify_tls: false in the profile to skip TLS checks"),
        "--location": .ignored(note: "--location: rehearse does not follow redirects; a 3xx is the response"),
        "--silent": .ignored(note: nil), "--show-error": .ignored(note: nil), "--include": .ignored(note: nil),
        "--verbose": .ignored(note: nil), "--fail": .ignored(note: nil), "--globoff": .ignored(note: nil),
        "--no-buffer": .ignored(note: nil), "--http1.1": .ignored(note: nil), "--http2": .ignored(note: nil),
        "--http2-prior-knowledge": .ignored(note: nil), "--tlsv1.2": .ignored(note: nil),
        "--tlsv1.3": .ignored(note: nil), "--path-as-is": .ignored(note: nil),
        "--no-progress-meter": .ignored(note: nil),
        "--max-time": .ignoredWithValue(note: nil), "--connect-timeout": .ignoredWithValue(note: nil),
        "--output": .ignoredWithValue(note: nil), "--cookie-jar": .ignoredWithValue(note: nil),
        "--retry": .ignoredWithValue(note: nil), "--write-out": .ignoredWithValue(note: nil),
        "--form": .unsupported(reason: "multipart bodies (-F/--form) are not supported by flows"),
        "--form-string": .unsupported(reason: "multipart bodies (--form-string) are not supported by flows"),
        "--upload-file": .unsupported(reason: "uploading a file (-T/--upload-file) is not supported by flows"),
        "--config": .unsupported(reason: "reading options from a file (-K/--config) is not supported"),
        "--proxy": .unsupported(reason: "a proxy (-x/--proxy) cannot be part of a flow"),
        "--resolve": .unsupported(reason: "--resolve cannot be part of a flow; set target.base_url instead"),
        "--connect-to": .unsupported(reason: "--connect-to cannot be part of a flow; set target.base_url instead"),
        "--cert": .unsupported(reason: "client certificates (-E/--cert) are not supported"),
    ]

    static let short: [Character: String] = [
        "H": "--header", "X": "--request", "d": "--data", "b": "--cookie", "u": "--user", "G": "--get",
        "I": "--head", "A": "--user-agent", "e": "--referer", "k": "--insecure", "L": "--location",
        "s": "--silent", "S": "--show-error", "i": "--include", "v": "--verbose", "f": "--fail", "g": "--globoff",
        "N": "--no-buffer", "m": "--max-time", "o": "--output", "c": "--cookie-jar", "w": "--write-out",
        "F": "--form", "T": "--upload-file", "K": "--config", "x": "--proxy", "E": "--cert",
    ]

    /// The closest known long option, for "did you mean" (edit distance at most 3).
    static func suggestion(for option: String) -> String? {
        var best: (name: String, distance: Int)?
        for name in long.keys.sorted() {
            let d = editDistance(option, name)
            if d <= 3, d < (best?.distance ?? .max) { best = (name, d) }
        }
        return best?.name
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}
