/// A value taken from a response and stored under a name for later steps (`{{name}}`).
public struct Capture: Sendable, Equatable, Codable {
    public var name: String
    public var source: CaptureSource

    public init(name: String, source: CaptureSource) {
        self.name = name
        self.source = source
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

    public var readsBody: Bool {
        switch self {
        case .json, .regex: true
        case .header: false
        }
    }
}
