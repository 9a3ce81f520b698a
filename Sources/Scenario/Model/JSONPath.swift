/// The subset of JSONPath that captures and checks use: `$`, `.name`, `['name']`, `[index]` (negative counts
/// from the end). Parsed once when the flow is loaded.
public struct JSONPath: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Component: Sendable, Equatable, Codable {
        case key(String)
        case index(Int)
    }

    /// The text as written, for messages.
    public var text: String
    public var components: [Component]

    public init(text: String, components: [Component]) {
        self.text = text
        self.components = components
    }

    public var description: String { text }
}

extension JSONPath {
    /// The name of the last key the path reads (`token` for `$.data.token`, `items` for `$.items[0]`), nil for `$`.
    public var lastKey: String? {
        for case .key(let name) in components.reversed() { return name }
        return nil
    }
}
