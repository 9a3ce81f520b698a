/// Decodes `thresholds:` — a list of expressions such as `p95(group:dashboard, role:user) < 800ms`
/// (see ``ThresholdParser``), each checked against the profile's step, group, role and flow names.
enum ThresholdDecoder {
    static func decode(_ value: YAMLValue, names: ThresholdNames) throws(ScenarioError) -> [Threshold] {
        var thresholds: [Threshold] = []
        for item in try value.stringListValues() {
            guard case .scalar = item.node, !item.isNull else {
                throw item.typeError(
                    "a threshold such as \"p95 < 800ms\"",
                    hint: "write each threshold as one line of text, e.g. - p95(role:user) < 800ms")
            }
            let text = try item.string()
            do {
                var threshold = try ThresholdParser.parse(text)
                try names.check(threshold)
                threshold.source = item.location
                thresholds.append(threshold)
            } catch {
                throw item.error(error.message, hint: error.hint)
            }
        }
        return thresholds
    }

    /// Decodes `abort_when:` — threshold expressions with an optional `for DURATION` (``AbortCondition``).
    static func decodeAbort(_ value: YAMLValue, names: ThresholdNames) throws(ScenarioError) -> [AbortCondition] {
        var conditions: [AbortCondition] = []
        for item in try value.stringListValues() {
            guard case .scalar = item.node, !item.isNull else {
                throw item.typeError("a condition such as \"error_rate > 20% for 10s\"")
            }
            let text = try item.string()
            do throws(ParseFailure) {
                var condition = try AbortCondition.parse(text)
                try names.check(condition.condition)
                condition.condition.source = item.location
                conditions.append(condition)
            } catch {
                throw item.error(error.message, hint: error.hint)
            }
        }
        return conditions
    }
}
