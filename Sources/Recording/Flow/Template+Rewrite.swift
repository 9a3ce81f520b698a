import Scenario

/// Rewriting recorded text into templates, one value at a time.
extension Template {
    /// The text when the template has no placeholder (`""` for an empty one); `nil` otherwise.
    var literalText: String? {
        var out = ""
        for part in parts {
            guard case .literal(let text) = part else { return nil }
            out += text
        }
        return out
    }

    /// A template that is just `variable`.
    init(_ variable: Variable) { self.init(parts: [.variable(variable)]) }

    /// Every occurrence of `value` in the literal parts replaced by `variable`.
    func replacing(_ value: String, with variable: Variable) -> Template {
        guard !value.isEmpty else { return self }
        var out: [Part] = []
        for part in parts {
            guard case .literal(let text) = part, text.contains(value) else {
                out.append(part)
                continue
            }
            var rest = text[...]
            while let range = rest.firstRange(of: value) {
                if range.lowerBound > rest.startIndex { out.append(.literal(String(rest[..<range.lowerBound]))) }
                out.append(.variable(variable))
                rest = rest[range.upperBound...]
            }
            if !rest.isEmpty { out.append(.literal(String(rest))) }
        }
        return Template(parts: out)
    }
}
