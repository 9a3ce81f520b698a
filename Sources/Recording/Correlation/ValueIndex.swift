import Scenario

/// Where a value was first seen in a response, and how a capture can read it again.
struct ValueOrigin {
    enum Source {
        /// A JSON body leaf at this path (`key` is the leaf's own key, for naming).
        case json(JSONPath)
        /// A response header, by name as recorded.
        case header(String)
        /// A cookie the response set with `Set-Cookie`.
        case setCookie(String)
        /// Somewhere in a text body (HTML, plain text): read back with a regex built when it is used.
        case text
    }

    /// The exchange's position in the kept list.
    var position: Int
    var source: Source
    /// The value exactly as the capture will read it (a `Location` may be absolute where the request used a path).
    var raw: String
}

/// Values seen in responses, earliest first: a value already present keeps its first origin.
struct ValueIndex {
    /// Bounds the index on huge recordings; past it, later responses are not indexed (and the report says so).
    static let capacity = 500_000

    private(set) var values: [String: ValueOrigin] = [:]
    /// Whole URLs (path and query) from `Location` headers and URL-like JSON strings.
    private(set) var urls: [String: ValueOrigin] = [:]
    private(set) var isFull = false

    mutating func add(_ value: String, _ origin: ValueOrigin) {
        guard values[value] == nil else { return }
        guard values.count < Self.capacity else {
            isFull = true
            return
        }
        values[value] = origin
    }

    mutating func addURL(_ pathAndQuery: String, _ origin: ValueOrigin) {
        if urls[pathAndQuery] == nil { urls[pathAndQuery] = origin }
    }

    /// Adds what `other` knows and this index does not (`other` is later in time).
    mutating func merge(_ other: ValueIndex) {
        for (value, origin) in other.values { add(value, origin) }
        for (url, origin) in other.urls { addURL(url, origin) }
        isFull = isFull || other.isFull
    }

    subscript(value: String) -> ValueOrigin? { values[value] }
}
