/// A JSON document held as a value, used for JSON bodies and JSON checks.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    private enum Kind: String, Codable { case null, bool, number, string, array, object }
    private struct Member: Codable {
        var key: String
        var value: JSONValue
    }
    private enum CodingKeys: String, CodingKey { case kind, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .null: self = .null
        case .bool: self = .bool(try c.decode(Bool.self, forKey: .value))
        case .number: self = .number(try c.decode(Double.self, forKey: .value))
        case .string: self = .string(try c.decode(String.self, forKey: .value))
        case .array: self = .array(try c.decode([JSONValue].self, forKey: .value))
        case .object: self = .object(try c.decode([Member].self, forKey: .value).map { ($0.key, $0.value) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .null: try c.encode(Kind.null, forKey: .kind)
        case .bool(let v):
            try c.encode(Kind.bool, forKey: .kind)
            try c.encode(v, forKey: .value)
        case .number(let v):
            try c.encode(Kind.number, forKey: .kind)
            try c.encode(v, forKey: .value)
        case .string(let v):
            try c.encode(Kind.string, forKey: .kind)
            try c.encode(v, forKey: .value)
        case .array(let v):
            try c.encode(Kind.array, forKey: .kind)
            try c.encode(v, forKey: .value)
        case .object(let v):
            try c.encode(Kind.object, forKey: .kind)
            try c.encode(v.map { Member(key: $0.0, value: $0.1) }, forKey: .value)
        }
    }
}
