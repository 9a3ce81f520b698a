import Metrics

/// A seeded source of mutations: the same seed gives the same inputs, so any finding can be replayed.
struct Mutator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `seed` changed by one to four edits: a flipped or random byte, a token from `dictionary` inserted or written
    /// over a range, a range deleted or repeated, the text cut short, or a piece of `other` spliced in. At most
    /// `limit` bytes come out, so no input is unbounded.
    mutating func mutate(_ seed: [UInt8], dictionary: [String], other: [UInt8], limit: Int = 1 << 18) -> [UInt8] {
        var bytes = seed
        for _ in 0...below(4) {
            let at = below(bytes.count + 1)
            let end = min(bytes.count, at + 1 + below(64))
            switch below(8) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1 << below(8))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            case 2, 3: bytes.insert(contentsOf: Array(pick(dictionary).utf8), at: at)
            case 4: bytes.replaceSubrange(at..<end, with: Array(pick(dictionary).utf8))
            case 5: bytes.removeSubrange(at..<end)
            case 6: bytes.insert(contentsOf: Array(repeating: bytes[at..<end], count: 1 + below(8)).joined(), at: at)
            default:
                guard !other.isEmpty else { continue }
                let from = below(other.count)
                bytes.insert(contentsOf: other[from..<min(other.count, from + 1 + below(512))], at: at)
            }
        }
        if below(10) == 0 { bytes = Array(bytes.prefix(below(bytes.count + 1))) }
        return Array(bytes.prefix(limit))
    }
}

/// Tokens that reach the corners of each input's parser.
enum FuzzDictionary {
    static let yaml = [
        "*a", "&a ", "<<: *a", "{{", "}}", "{{env.BASE}}", "{{role.email}}", "{{token}}", "{{vu}}", "\r\n", "\n",
        "\n  ", "\0", ": ", "- ", "[", "]", "{", "}", "\"", "'", "9223372036854775807", "-1", "1e308", "0", "-0",
        "http://127.0.0.1:99999999/", "2xx", "6xx", "!!binary ", "%YAML 1.1\n", "#", "\t", "|\n", ">\n", "? ",
        "\u{FEFF}", "é", "\u{1}", "executor: ramping-arrival-rate", "stages: [", "vus: ", "json: ", "check: ",
        "status: ", "capture: ", "group: g\n    requests: ", "think: 1..2s", "duration: 100000h", "rate: 1e9/s",
        "max_vus: ", "headers: {X: \"a\\r\\nb\"}", "$.a[0]", "regex: \"(\"", "~", "null", "...", "---\n",
    ]

    static let json = [
        "null", "{}", "[]", "\"abc\"", "-1", "1e999", "1e300", "\\u0000", "\\r\\n", "\"status\": \"abc\"",
        "\"status\": -1", ",", ":", "\"", "{\"name\": \"X\\r\\nY\", \"value\": \"a\\nb\"}", "\"method\": \"GET\\r\\n\"",
        "\"url\": \"http://127.0.0.1:99999999/\"", "\"text\": \"{{env.X}}\"", "\\ud800", "true", "\"_resourceType\"",
        "\"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\", \"text\": \"a=%zz&b\"}", "]}", "{\"",
        "\"pageref\": \"p1\"", "\"startedDateTime\": \"yesterday\"", "\"time\": -5", "9223372036854775807",
    ]

    static let curl = [
        " -H ", " 'X-A: b'", " $'X: a\\r\\nb: c'", " --data ", " -d @f", " -X ", " PUT", " --json ", " '{\"a\":1}'",
        " \\\n", " && ", "; ", " | ", "\"", "'", "$'", "\\", " -G", " -u a:b", " -b ", " --url ",
        " http://127.0.0.1:99999999/",
        " -F a=b", " --unknown", " -sSLk", " --data-urlencode ", " a=b c", "\n", "\r\n", "\0", " curl ", "{{env.X}}",
        " -A ", " -e ", " -I", " --compressed", " -x", " 'https://a.test/%zz'", " https://[::1]:8/",
    ]
}
