import Foundation

/// The one masking rule of every output: a text shows no secret in clear. It masks, as `***`,
///
/// - every known secret value (role secret fields, environment values the flows read, literal credential headers,
///   and the values learned while the run goes: tokens captured from credential-named keys or sent in credential
///   headers), whole or inside a longer text, also percent-encoded or JSON-escaped;
/// - every value under a credential name (``SecretRules/isSecretName(_:header:)``): JSON members (also inside an
///   escaped JSON string), `name=value` pairs (queries, forms, cookies), header lines, `Bearer`/`Basic`
///   credentials;
/// - every JWT-shaped token, and the user info of a URL (`https://***@host/`).
///
/// A value type: a run builds one from its profile, and each engine thread keeps its own copy that learns run-time
/// secrets (no lock on the hot path).
public struct SecretMask: Sendable, Equatable {
    /// What a masked value reads as.
    public static let shown = "***"
    /// Known values shorter than this are not searched for (they would mask ordinary words); a credential-named value
    /// is masked whatever its length.
    public static let minimumLength = 4
    /// Learned (run-time) values kept at most; the oldest go first. Fixed values are never dropped.
    public static let learnedLimit = 4_096

    /// Every form of every known value, by its first four bytes, longest first: the search is one pass.
    private var index: [UInt32: [[UInt8]]] = [:]
    private var known: Set<String> = []
    /// Learned values in the order learned (`learnedStart` is the oldest still kept).
    private var learned: [String] = []
    private var learnedStart = 0

    /// A mask of `values` (each also percent-encoded and JSON-escaped).
    public init(values: some Sequence<String> = [String]()) {
        for value in values { add(value) }
    }

    /// The known values (each as given), for diagnostics and tests.
    public var isEmpty: Bool { known.isEmpty }

    /// Adds a value that must never be shown; returns whether it was new.
    @discardableResult
    public mutating func add(_ value: String) -> Bool {
        guard value.utf8.count >= Self.minimumLength, known.insert(value).inserted else { return false }
        for form in Set([value] + Self.encodings(of: value)) { insertForm(Array(form.utf8)) }
        return true
    }

    /// Adds a secret learned while the run goes (a captured token); past `learnedLimit` the oldest learned value is
    /// forgotten, so a long run's tokens cannot grow the mask without bound.
    public mutating func learn(_ value: String) {
        guard add(value) else { return }
        learned.append(value)
        if learned.count - learnedStart > Self.learnedLimit {
            remove(learned[learnedStart])
            learnedStart += 1
            if learnedStart > Self.learnedLimit {
                learned.removeFirst(learnedStart)
                learnedStart = 0
            }
        }
    }

    /// Whether `value` is a known secret.
    public func contains(_ value: String) -> Bool { known.contains(value) }

    /// `text` with every secret masked (see the type's rule). Masking twice changes nothing more.
    public func mask(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var bytes = index.isEmpty ? Array(text.utf8) : maskKnown(Array(text.utf8))
        bytes = SecretText.maskStructure(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A header's value as it may be shown: all of it masked under a credential name, else masked as text.
    public func maskHeader(_ name: String, value: String) -> String {
        SecretRules.isSecretName(name, header: true) ? Self.shown : mask(value)
    }

    /// A header line `Name: value` as it may be shown.
    public func maskHeaderLine(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return mask(line) }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].drop { $0 == " " }
        return "\(name): \(maskHeader(name.trimmingCharacters(in: .whitespaces), value: String(value)))"
    }

    public static func == (a: SecretMask, b: SecretMask) -> Bool { a.known == b.known }

    // MARK: Known values

    private mutating func insertForm(_ form: [UInt8]) {
        guard form.count >= Self.minimumLength else { return }
        let key = Self.key(form, 0)
        var list = index[key, default: []]
        guard !list.contains(form) else { return }
        list.append(form)
        list.sort { $0.count > $1.count }
        index[key] = list
    }

    private mutating func remove(_ value: String) {
        known.remove(value)
        for form in Set([value] + Self.encodings(of: value)) {
            let bytes = Array(form.utf8)
            guard bytes.count >= Self.minimumLength else { continue }
            let key = Self.key(bytes, 0)
            index[key]?.removeAll { $0 == bytes }
            if index[key]?.isEmpty == true { index[key] = nil }
        }
    }

    /// One pass: at each byte, the known values that start with the next four bytes, longest first.
    private func maskKnown(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if i + Self.minimumLength <= text.count, let candidates = index[Self.key(text, i)],
                let hit = candidates.first(where: { Self.matches($0, text, at: i) })
            {
                out += Self.shown.utf8
                i += hit.count
                continue
            }
            out.append(text[i])
            i += 1
        }
        return out
    }

    private static func key(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    private static func matches(_ value: [UInt8], _ text: [UInt8], at i: Int) -> Bool {
        guard i + value.count <= text.count else { return false }
        for j in 0..<value.count where text[i + j] != value[j] { return false }
        return true
    }

    /// How a value reads percent-encoded (`%20` and `+` for spaces) and inside a JSON string.
    static func encodings(of value: String) -> [String] {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let percent = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
        let json = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return [
            percent, percent.replacingOccurrences(of: "%20", with: "+"), json,
            json.replacingOccurrences(of: "/", with: "\\/"),
        ]
        .filter { $0 != value }
    }
}
