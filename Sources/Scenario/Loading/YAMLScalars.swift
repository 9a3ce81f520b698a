import Yams

/// Typed reads of YAML values, each failing with a located "expected …, found …" error.
extension YAMLValue {
    /// Any non-null scalar as its text (`123` reads as "123").
    func string() throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw typeError("a string") }
        return scalar.string
    }

    /// A non-empty string.
    func nonEmptyString() throws(ScenarioError) -> String {
        let text = try string()
        guard !text.isEmpty else { throw error("must not be empty") }
        return text
    }

    func int() throws(ScenarioError) -> Int {
        guard case .scalar(let scalar) = node, tagName == Tag.Name.int.rawValue, let value = Int.construct(from: scalar)
        else { throw typeError("an integer") }
        return value
    }

    func bool() throws(ScenarioError) -> Bool {
        guard case .scalar(let scalar) = node, tagName == Tag.Name.bool.rawValue,
            let value = Bool.construct(from: scalar)
        else { throw typeError("true or false") }
        return value
    }

    /// A duration with a unit (`250ms`, `1.5s`, `2m`).
    func duration() throws(ScenarioError) -> Duration {
        guard case .scalar(let scalar) = node, !isNull else { throw typeError("a duration such as 1.5s") }
        do {
            return try DurationText.parseOrExplain(scalar.string)
        } catch {
            throw self.error(error.message, hint: error.hint)
        }
    }

    /// A list; `null` reads as an empty list. A single scalar is not a list.
    func list() throws(ScenarioError) -> [YAMLValue] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw typeError("a list") }
        return sequence.enumerated().map { element($1, index: $0) }
    }

    /// A list of strings, or a single string read as a one-element list.
    func stringList() throws(ScenarioError) -> [String] {
        if case .scalar = node, !isNull { return [try string()] }
        var out: [String] = []
        for item in try list() { out.append(try item.string()) }
        return out
    }

    /// A mapping whose keys must be among `allowed` (any key when `nil`); `null` reads as empty.
    func mapping(allowed: [String]?) throws(ScenarioError) -> YAMLMap {
        if isNull { return YAMLMap(owner: self, entries: []) }
        guard case .mapping(let mapping) = node else { throw typeError("a mapping") }
        var entries: [(key: String, keyNode: YAMLValue, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            let keyValue = YAMLValue(node: keyNode, file: file, path: path)
            guard case .scalar(let scalar) = keyNode else { throw keyValue.typeError("a key") }
            let key = scalar.string
            let located = YAMLValue(node: keyNode, file: file, path: child(keyNode, key: key).path)
            if let allowed, !allowed.contains(key) { throw located.unknownKey(key, allowed: allowed) }
            entries.append((key, located, child(valueNode, key: key)))
        }
        return YAMLMap(owner: self, entries: entries)
    }

    /// `unknown key "nmae"` at this key, with "did you mean" among `allowed`.
    func unknownKey(_ key: String, allowed: [String]) -> ScenarioError {
        let hint =
            Suggestions.didYouMean(key, in: allowed, format: { "\"\($0)\"" })
            ?? "valid keys here: " + allowed.joined(separator: ", ")
        return error("unknown key \"\(key)\"", hint: hint)
    }
}

/// A decoded YAML mapping with located entries.
struct YAMLMap {
    let owner: YAMLValue
    let entries: [(key: String, keyNode: YAMLValue, value: YAMLValue)]

    var keys: [String] { entries.map(\.key) }

    subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// The key node (for errors about the key itself).
    func keyNode(_ key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.keyNode
    }

    /// The value of `key`, or an error at the mapping naming the missing field.
    func required(_ key: String, hint: String? = nil) throws(ScenarioError) -> YAMLValue {
        if let value = self[key], !value.isNull { return value }
        let field = owner.path.isEmpty ? key : "\(owner.path).\(key)"
        throw ScenarioError(
            at: self[key]?.location ?? owner.location, file: owner.file, field: field,
            message: "missing required key \"\(key)\"", hint: hint)
    }
}
