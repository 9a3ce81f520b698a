/// The recorded origins the flow talks to and the environment variable that stands for each.
///
/// The main origin is `BASE_URL` and steps on it are written as paths (joined to `target.base_url`); every
/// other kept origin gets a variable named after its host (`API_BASE_URL` for `api.example.com`) and its
/// steps are written as `{{env.API_BASE_URL}}/path`.
public struct OriginTable: Sendable, Equatable {
    /// `(variable, recorded origin)`, the main one first.
    public private(set) var entries: [(variable: String, origin: String)]

    public static let mainVariable = "BASE_URL"

    init(main: String) {
        entries = [(Self.mainVariable, main)]
    }

    public var mainOrigin: String { entries[0].origin }

    /// The variable for `url`'s origin (`nil` for the main one), adding it on first use.
    mutating func variable(for url: RecordedURL) -> String? {
        let origin = url.origin
        if origin == mainOrigin { return nil }
        if let known = entries.first(where: { $0.origin == origin }) { return known.variable }
        let taken = Set(entries.map(\.variable))
        let name = UniqueName.make(Self.name(for: url), isTaken: taken.contains)
        entries.append((name, origin))
        return name
    }

    /// `api.example.com` → `API_BASE_URL`; `127.0.0.1:9000` → `BASE_URL_9000`.
    private static func name(for url: RecordedURL) -> String {
        let host = url.bareHost
        let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } || !host.contains(".")
        if isAddress { return "BASE_URL_\(url.port.map(String.init) ?? url.scheme.uppercased())" }
        let label = host.split(separator: ".").first.map(String.init) ?? host
        return EnvName.make(label) + "_BASE_URL"
    }

    public static func == (lhs: OriginTable, rhs: OriginTable) -> Bool {
        lhs.entries.map(\.variable) == rhs.entries.map(\.variable)
            && lhs.entries.map(\.origin) == rhs.entries.map(\.origin)
    }
}

/// Environment variable names: upper case letters, digits and `_`, not starting with a digit.
enum EnvName {
    static func make(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                out += String(scalar).uppercased()
            } else if !out.hasSuffix("_") {
                out += "_"
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        while out.hasPrefix("_") { out.removeFirst() }
        if out.isEmpty { return "VALUE" }
        if out.first!.isNumber { out = "V_" + out }
        return out
    }
}
