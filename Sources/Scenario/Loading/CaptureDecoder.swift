/// Decodes a request's `capture:` mapping: `name: { json: $.path }`, `{ header: Name }`, `{ regex: '…' }` or
/// `{ cookie: name }`.
enum CaptureDecoder {
    static let sourceKeys = ["json", "header", "regex", "cookie"]
    /// Names that cannot be captures because placeholders already give them a meaning.
    static let reservedNames: Set<String> = ["vu", "iteration", "arrival", "env", "role"]

    static func captures(_ value: YAMLValue?) throws(ScenarioError) -> [Capture] {
        guard let value else { return [] }
        var captures: [Capture] = []
        for entry in try value.mapping(allowed: nil).entries {
            try checkName(entry.key, at: entry.keyNode)
            captures.append(Capture(name: entry.key, source: try source(entry.value)))
        }
        return captures
    }

    private static func checkName(_ name: String, at key: YAMLValue) throws(ScenarioError) {
        guard Variable.isIdentifier(name[...]), !reservedNames.contains(name) else {
            throw key.error(
                "\"\(name)\" cannot be a capture name",
                hint: "use letters, digits, _ and - (not vu, iteration, env or role)")
        }
    }

    private static func source(_ value: YAMLValue) throws(ScenarioError) -> CaptureSource {
        let example =
            "e.g. token: { json: $.token }, { header: X-Request-Id }, { regex: 'id=(\\d+)' } or { cookie: csrftoken }"
        guard case .mapping = value.node else { throw value.typeError("a mapping", hint: example) }
        let map = try value.mapping(allowed: sourceKeys)
        guard map.entries.count == 1, let entry = map.entries.first else {
            throw value.error("a capture needs exactly one of json, header, regex or cookie", hint: example)
        }
        switch entry.key {
        case "json":
            return .json(try jsonPath(entry.value))
        case "header":
            return .header(try entry.value.nonEmptyString())
        case "cookie":
            return .cookie(try entry.value.nonEmptyString())
        default:
            let pattern = try entry.value.nonEmptyString()
            do {
                try CompiledRegex.validate(pattern)
            } catch {
                throw entry.value.error(error.message, hint: error.hint)
            }
            return .regex(pattern)
        }
    }

    /// A JSON path value; syntax errors are located at the value.
    static func jsonPath(_ value: YAMLValue) throws(ScenarioError) -> JSONPath {
        let text = try value.nonEmptyString()
        do {
            return try JSONPath.parse(text)
        } catch {
            throw value.error(error.message, hint: error.hint)
        }
    }
}
