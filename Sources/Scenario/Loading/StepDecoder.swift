/// A flow entry as decoded, before naming and reference checks.
enum StepDraft {
    case request(RequestDraft)
    case group(GroupDraft)
    case think(ThinkTime)
}

/// A parallel group as decoded.
struct GroupDraft {
    var name: String
    var nameValue: YAMLValue
    var requests: [RequestDraft]
    var location: SourceLocation?
    var spinner: Duration?
}

/// Decodes the entries of `steps:`: a request, `group:` + `requests:`, or `think:`.
enum StepDecoder {
    /// A parallel group: `group:` (its name), `requests:` and an optional `spinner:`.
    static let groupKeys = ["group", "requests", "spinner"]
    /// A pause: `think:` alone.
    static let thinkKeys = ["think"]

    static func decode(_ value: YAMLValue) throws(ScenarioError) -> StepDraft {
        guard case .mapping = value.node else {
            throw value.typeError("a step (a mapping such as { get: /api/me })")
        }
        let keys = try value.mapping(allowed: nil).keys
        if keys.contains("group") { return .group(try group(value)) }
        if keys.contains("think") { return .think(try think(value)) }
        return .request(try RequestDecoder.decode(value))
    }

    private static func group(_ value: YAMLValue) throws(ScenarioError) -> GroupDraft {
        let map = try value.mapping(allowed: groupKeys)
        let nameValue = try map.required("group")
        let name = try nameValue.nonEmptyString()
        let list = try map.required("requests", hint: "list the requests sent in parallel under requests:")
        var requests: [RequestDraft] = []
        for item in try list.list() {
            guard case .mapping = item.node else { throw item.typeError("a request such as { get: /api/me }") }
            requests.append(try RequestDecoder.decode(item))
        }
        guard !requests.isEmpty else { throw list.error("a group needs at least one request") }
        guard requests.count <= InputLimits.maxGroupRequests else {
            throw list.error(
                "\(InputLimits.format(requests.count)) requests in one group are over the limit of "
                    + InputLimits.format(InputLimits.maxGroupRequests),
                hint: "a browser sends a few at once; split the group")
        }
        return GroupDraft(
            name: name, nameValue: nameValue, requests: requests, location: value.location,
            spinner: try map["spinner"].map { v throws(ScenarioError) in try LoadDecoder.positive(v) })
    }

    /// `think: 500ms` or `think: 1s..3s`, at most ``InputLimits/maxWait``.
    private static func think(_ value: YAMLValue) throws(ScenarioError) -> ThinkTime {
        let map = try value.mapping(allowed: thinkKeys)
        let thinkValue = try map.required("think")
        let text = try thinkValue.string()
        let think: ThinkTime
        if let range = text.firstRange(of: "..") {
            let minimum = try parseDuration(String(text[..<range.lowerBound]), at: thinkValue)
            let maximum = try parseDuration(String(text[range.upperBound...]), at: thinkValue)
            guard minimum <= maximum else {
                throw thinkValue.error(
                    "think range \"\(text)\" has its minimum above its maximum",
                    hint: "write the smaller duration first")
            }
            think = ThinkTime(minimum: minimum, maximum: maximum)
        } else {
            think = .fixed(try parseDuration(text, at: thinkValue))
        }
        guard think.maximum <= InputLimits.maxWait else {
            throw thinkValue.error(
                "think time \(think.maximum.shortText) is longer than the limit of \(InputLimits.maxWait.shortText)")
        }
        return think
    }

    private static func parseDuration(_ text: String, at value: YAMLValue) throws(ScenarioError) -> Duration {
        do {
            return try DurationText.parseOrExplain(text.trimmingCharacters(in: " "))
        } catch {
            throw value.error(error.message, hint: error.hint ?? "write e.g. 500ms or 1s..3s")
        }
    }
}

extension String {
    /// The text without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        var s = self[...]
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
