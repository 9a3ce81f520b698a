/// A value taken from a response and stored under a name for later steps (`{{name}}`).
public struct Capture: Sendable, Equatable, Codable {
    public var name: String
    public var source: CaptureSource {
        didSet { compiled = CompiledRegex.make(for: source) }
    }
    /// The regex of a `.regex` source, compiled once when the capture is made (not per response).
    private(set) var compiled: CompiledRegex?

    public init(name: String, source: CaptureSource) {
        self.name = name
        self.source = source
        self.compiled = CompiledRegex.make(for: source)
    }

    public static func == (lhs: Capture, rhs: Capture) -> Bool {
        lhs.name == rhs.name && lhs.source == rhs.source
    }

    private enum CodingKeys: String, CodingKey { case name, source }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name), source: try c.decode(CaptureSource.self, forKey: .source))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(source, forKey: .source)
    }
}

/// Where a capture reads its value.
public enum CaptureSource: Sendable, Equatable, Codable {
    /// A JSON path subset: `$.a.b[0].c`, `$.items[-1].id`.
    case json(JSONPath)
    /// A response header, by case-insensitive name.
    case header(String)
    /// A regular expression over the body; the first capture group (or the whole match) is the value.
    case regex(String)
    /// The value of the cookie of this name that the response sets (`Set-Cookie: name=value; …`).
    case cookie(String)

    public var readsBody: Bool {
        switch self {
        case .json, .regex: true
        case .header, .cookie: false
        }
    }

    /// Whether the capture reads the response headers.
    public var readsHeaders: Bool {
        switch self {
        case .header, .cookie: true
        case .json, .regex: false
        }
    }
}
