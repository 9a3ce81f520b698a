/// Decodes `stages:` — a list of `{duration, target}` — and arrival rates, rejecting sequences that cannot run:
/// no stage, a total length of 0, targets that never rise above 0, or the wrong kind of target (a rate in VU
/// stages, or VUs in rate stages).
enum StageDecoder {
    static let keys = ["duration", "target"]

    static func decode(_ value: YAMLValue, rates: Bool) throws(ScenarioError) -> [Stage] {
        var stages: [Stage] = []
        let items = try value.list()
        guard items.count <= InputLimits.maxStages else {
            throw value.error(
                "\(InputLimits.format(items.count)) stages are over the limit of "
                    + InputLimits.format(InputLimits.maxStages),
                hint: "merge stages; a ramp is one stage")
        }
        for item in items {
            let map = try item.mapping(allowed: keys)
            let duration = try LoadDecoder.atMost(
                InputLimits.maxLoadDuration, try map.required("duration", hint: "e.g. duration: 30s"))
            let targetValue = try map.required("target", hint: rates ? "e.g. target: 20/s" : "e.g. target: 20")
            let target: Double
            if rates {
                target = try rate(targetValue)
            } else {
                let text = try targetValue.string()
                if text.contains("/") {
                    throw targetValue.error(
                        "ramping-vus stages target a number of VUs, found the rate \"\(text)\"",
                        hint: "did you mean executor: ramping-arrival-rate?")
                }
                let n = try targetValue.int()
                guard n >= 0 else { throw targetValue.error("target must be 0 or more, found \(n)") }
                try LoadDecoder.checkLimit(n, InputLimits.maxVUs, targetValue)
                target = Double(n)
            }
            stages.append(Stage(duration: duration, target: target))
        }
        guard !stages.isEmpty else {
            throw value.error(
                "stages must not be empty",
                hint: rates ? "e.g. [{duration: 1m, target: 20/s}]" : "e.g. [{duration: 1m, target: 20}]")
        }
        guard stages.totalDuration > .zero else {
            throw value.error(
                "the stages last 0s in all", hint: "give at least one stage a duration, e.g. duration: 30s")
        }
        guard stages.totalDuration <= InputLimits.maxLoadDuration else {
            throw value.error(
                "the stages last \(stages.totalDuration.shortText), longer than the limit of "
                    + InputLimits.maxLoadDuration.shortText,
                hint: "see README \"Bad input\" for the limits of every input")
        }
        return stages
    }

    /// Iterations per second from `20/s`, `90/m` or `20`, up to ``InputLimits/maxRate``.
    static func rate(_ value: YAMLValue) throws(ScenarioError) -> Double {
        let text = try value.string()
        let rate: Double
        do {
            rate = try IterationRateText.parseOrExplain(text)
        } catch {
            throw value.error(error.message, hint: error.hint)
        }
        guard rate <= InputLimits.maxRate else {
            throw value.error(
                "\(text) is over the limit of \(InputLimits.format(Int(InputLimits.maxRate)))/s",
                hint: "see README \"Bad input\" for the limits of every input")
        }
        return rate
    }
}
