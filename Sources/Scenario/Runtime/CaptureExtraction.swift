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
        case .cookie(let name):
            return headers.lazy.filter { $0.name.equalsIgnoringASCIICase("set-cookie") }
                .compactMap { Self.cookieValue($0.value, named: name) }.first
        }
    }

    /// The value of `Set-Cookie: name=value; Path=/` when it sets the cookie `name` (surrounding quotes removed).
    static func cookieValue(_ header: String, named name: String) -> String? {
        let pair = header.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let equals = pair.firstIndex(of: "="),
            String(pair[..<equals]).trimmingCharacters(in: " ") == name
        else { return nil }
        var value = String(pair[pair.index(after: equals)...]).trimmingCharacters(in: " ")
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }
}

extension Array where Element == Capture {
    /// Every capture's value, in order, parsing a JSON body at most once. A value is `nil` when not found.
    public func extractAll(body: [UInt8]?, headers: [(name: String, value: String)]) -> [(name: String, value: String?)]
    {
        var response = ResponseBody(body)
        return map { ($0.name, $0.extract(from: &response, headers: headers)) }
    }
}

extension String {
    /// ASCII case-insensitive comparison (HTTP header names).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8
        let b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
        }
    }
}
