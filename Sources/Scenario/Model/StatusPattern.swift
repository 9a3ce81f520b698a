/// An expected response status: an exact code (`200`) or a whole class (`2xx`), as `check: { status: … }` takes it.
///
/// A class is what an imported flow checks by default: a recording made as one role must replay for a role that
/// sees other data (a `206 Partial Content` where the recording had `200` is still a success).
public enum StatusPattern: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Exactly this status.
    case code(Int)
    /// Any status of this class: 2 for `2xx` (200–299).
    case statusClass(Int)

    public init(integerLiteral value: Int) { self = .code(value) }

    /// The class of a status: `.statusClass(2)` for 206.
    public static func classOf(_ status: Int) -> StatusPattern { .statusClass(status / 100) }

    /// Reads `200` or `2xx` (also `2XX`); `nil` for anything else, including classes outside 1xx–5xx and codes
    /// outside 100–599.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        if lowered.count == 3, lowered.hasSuffix("xx"), let digit = lowered.first?.wholeNumberValue,
            (1...5).contains(digit), lowered.first?.isASCII == true
        {
            self = .statusClass(digit)
            return
        }
        guard lowered.allSatisfy({ $0.isASCII && $0.isNumber }), let code = Int(lowered), (100...599).contains(code)
        else { return nil }
        self = .code(code)
    }

    /// Whether `status` is expected.
    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): status == code
        case .statusClass(let digit): status / 100 == digit && status >= 100
        }
    }

    /// `200` or `2xx`.
    public var description: String {
        switch self {
        case .code(let code): String(code)
        case .statusClass(let digit): "\(digit)xx"
        }
    }
}
