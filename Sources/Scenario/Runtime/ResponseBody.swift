/// A response body whose JSON form is parsed at most once, shared by the captures and checks of a request.
struct ResponseBody {
    let bytes: [UInt8]?
    private var parsed: JSONValue??

    init(_ bytes: [UInt8]?) { self.bytes = bytes }

    /// The body as JSON, or `nil` when there is no body or it is not JSON.
    mutating func json() -> JSONValue? {
        if let parsed { return parsed }
        let value = bytes.flatMap { JSONValue.parse($0) }
        parsed = .some(value)
        return value
    }

    /// The body as text (invalid UTF-8 repaired).
    var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
}
