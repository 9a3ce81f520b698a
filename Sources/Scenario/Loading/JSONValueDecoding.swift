import Yams

extension YAMLValue {
    /// Any YAML value as JSON: integers and floats become numbers, `true`/`false`, `null`, strings,
    /// mappings (key order kept) and lists. With a recorder, strings are parsed as templates.
    func jsonValue(recorder: inout TemplateRecorder?) throws(ScenarioError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try jsonScalar(scalar, recorder: &recorder)
        case .sequence:
            var items: [JSONValue] = []
            for item in try list() { items.append(try item.jsonValue(recorder: &recorder)) }
            return .array(items)
        case .mapping:
            var members: [(String, JSONValue)] = []
            for entry in try mapping(allowed: nil).entries {
                members.append((entry.key, try entry.value.jsonValue(recorder: &recorder)))
            }
            return .object(members)
        case .alias:
            throw typeError("a JSON value")
        }
    }

    private func jsonScalar(_ scalar: Node.Scalar, recorder: inout TemplateRecorder?) throws(ScenarioError)
        -> JSONValue
    {
        switch tagName {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .bool(Bool.construct(from: scalar) ?? false)
        case Tag.Name.int.rawValue:
            guard let n = Int.construct(from: scalar) else { throw typeError("a number") }
            return .number(Double(n))
        case Tag.Name.float.rawValue:
            guard let n = Double.construct(from: scalar), n.isFinite else {
                throw error("\(foundDescription) cannot be written in JSON", hint: "quote it to send a string")
            }
            return .number(n)
        default:
            if recorder != nil {
                _ = try recorder!.template(text: scalar.string, at: self)
            }
            return .string(scalar.string)
        }
    }
}
