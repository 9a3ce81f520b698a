/// A condition on a response; a failing check marks the request failed (class `check`).
public enum Check: Sendable, Equatable, Codable {
    /// The status must match one of these: exact codes (`200`) or classes (`2xx`).
    case status([StatusPattern])
    /// The body must contain this text (templates expanded).
    case bodyContains(Template)
    /// The JSON value at the path must equal this value.
    case json(JSONPath, JSONValue)
    /// The request must complete within this time.
    case maxDuration(Duration)
    /// The response's media type (`Content-Type` without parameters) must be this, ignoring case.
    case contentType(String)

    public var readsBody: Bool {
        switch self {
        case .bodyContains, .json: true
        case .status, .maxDuration, .contentType: false
        }
    }

    /// Whether the check needs the response headers.
    public var readsHeaders: Bool {
        if case .contentType = self { true } else { false }
    }
}
