/// Decoding helpers that accept what real HAR writers produce rather than what the HAR 1.2 text says:
/// a number written as a string, `null` where a string belongs, a field left out.
extension KeyedDecodingContainer {
    /// The value as text when it is a string, number or boolean; `nil` when missing, `null` or structured.
    func lenientString(_ key: Key) -> String? {
        guard contains(key), (try? decodeNil(forKey: key)) == false else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int.self, forKey: key) { return String(number) }
        if let number = try? decode(Double.self, forKey: key) { return String(number) }
        if let flag = try? decode(Bool.self, forKey: key) { return flag ? "true" : "false" }
        return nil
    }

    /// The value as a number when it is a number or a numeric string; `nil` otherwise.
    func lenientDouble(_ key: Key) -> Double? {
        guard contains(key), (try? decodeNil(forKey: key)) == false else { return nil }
        if let number = try? decode(Double.self, forKey: key) { return number }
        if let text = try? decode(String.self, forKey: key) { return Double(text) }
        return nil
    }

    /// A list that may be missing or `null` (an empty list then). Items are decoded strictly: a list of the
    /// wrong shape is an error worth reporting, not something to skip silently.
    func optionalList<T: Decodable>(_ type: T.Type, _ key: Key) throws -> [T] {
        guard contains(key), try decodeNil(forKey: key) == false else { return [] }
        return try decode([T].self, forKey: key)
    }
}

/// Coding keys made from any string, for containers whose keys vary (`_`-prefixed private fields).
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(_ text: String) { self.stringValue = text }
}
