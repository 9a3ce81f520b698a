extension Capture {
    /// The captured value from a response, or `nil` when the path, header or pattern is not found.
    /// JSON values are stored as `JSONValue.textValue` (strings unquoted, `42` not `42.0`).
    public func extract(body: [UInt8]?, headers: [(name: String, value: String)]) -> String? {
        var response = ResponseBody(body)
        return extract(from: &response, headers: headers)
    }

    func extract(from body: inout ResponseBody, headers: [(name: String, value: String)]) -> String? {
        switch source {
        case .json(let path):
            guard let document = body.json() else { return nil }
            return path.evaluate(in: document)?.textValue
        case .header(let name):
            return headers.first { $0.name.equalsIgnoringASCIICase(name) }?.value
        case .regex(let pattern):
            guard let text = body.text else { return nil }
            guard let regex = compiled ?? (try? CompiledRegex(pattern: pattern)) else { return nil }
            return regex.firstMatch(in: text)
        }
    }
}

extension Array where Element == Capture {
    /// Every capture's value, in order, parsing a JSON body at most once. A value is `nil` when not found.
    public func extractAll(body: [UInt8]?, headers: [(name: String, value: String)]) -> [(name: String, value: String?)] {
        var response = ResponseBody(body)
        return map { ($0.name, $0.extract(from: &response, headers: headers)) }
    }
}

extension String {
    /// ASCII case-insensitive comparison (HTTP header names).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
        }
    }
}
