import CurlURL

extension Profile {
    /// What `rehearse validate` prints: one line per flow, then roles, load, timeouts and output, e.g.
    /// `flow dashboard: 5 steps (1 group of 4 parallel requests)`,
    /// `roles: admin (1 account), user (3 accounts from users.csv)`,
    /// `load: 10 VUs for 30s, ramp-up 5s`. Never includes role field values or environment values.
    public func validationSummary() -> [String] {
        var lines = [
            "profile \(name): target \(URLText.withoutUserInfo(target.baseURL)) (allowed hosts: "
                + target.allowHosts.joined(separator: ", ") + ")"
        ]
        lines += flows.map(\.summaryLine)
        lines.append("roles: " + roles.map(\.summaryText).joined(separator: ", "))
        if hasNamedScenarios {
            lines += scenarios.map { scenarioLine($0) }
        } else if let only = scenarios.first {
            lines.append("load: " + only.load.summaryText)
        }
        if let cap = target.maxRate { lines.append("rate ceiling: \(IterationRateText.format(cap)) requests") }
        if !abortWhen.isEmpty { lines.append("abort when: " + abortWhen.map(\.text).joined(separator: "; ")) }
        lines.append(
            "timeouts: request \(timeouts.request.shortText), connect \(timeouts.connect.shortText), "
                + "spinner \(timeouts.spinner.shortText)")
        if let network = networkSummaryLine { lines.append(network) }
        lines.append("output: \(output)")
        return lines
    }

    /// `scenario browse: flow dashboard as user ×9, admin ×1; 50 iterations/s for 1m, at most 100 VUs`.
    private func scenarioLine(_ s: LoadScenario) -> String {
        let weights = zip(roles, s.roleWeights).filter { $0.1 > 0 }.map { "\($0.0.name) ×\($0.1)" }
        return "scenario \(s.name): flow \(s.flows.map(\.name).joined(separator: ", ")) as "
            + weights.joined(separator: ", ") + "; " + s.load.summaryText
    }
}

extension Flow {
    /// `flow dashboard: 5 steps (1 group of 4 parallel requests)`.
    var summaryLine: String {
        let groups = steps.compactMap { if case .group(let g) = $0 { g.requests.count } else { nil } }
        var line = "flow \(name): \(Self.count(steps.count, "step"))"
        if !groups.isEmpty {
            let sizes = groups.count == 1 ? "\(groups[0])" : Self.list(groups.map(String.init))
            line += " (\(Self.count(groups.count, "group")) of \(sizes) parallel requests)"
        }
        return line
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `4`, `4 and 3`, `4, 3 and 2`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

extension Role {
    /// `admin (1 account)`, `user (3 accounts from users.csv)`, `ops (weight 2, 1 account)`.
    var summaryText: String {
        var detail = weight == 1 ? "" : "weight \(weight), "
        detail += Flow.count(accounts.count, "account")
        if let accountsFile { detail += " from \(accountsFile)" }
        return "\(name) (\(detail))"
    }
}

extension LoadShape {
    /// `10 VUs for 30s, ramp-up 5s`, `10 VUs, 200 iterations in total`,
    /// `ramping VUs 0 → 20 over 30s → 0 over 10s`, `50 iterations/s for 1m, at most 100 VUs (open model)`.
    public var summaryText: String {
        var line: String
        switch executor {
        case .constantVUs(let vus, let duration, let rampUp):
            line = "\(Flow.count(vus, "VU")) for \(duration.shortText)"
            if rampUp > .zero { line += ", ramp-up \(rampUp.shortText)" }
        case .sharedIterations(let vus, let n, let maxDuration):
            line = "\(Flow.count(vus, "VU")), \(Flow.count(n, "iteration")) in total"
            if maxDuration != Self.defaultMaxDuration { line += " (at most \(maxDuration.shortText))" }
        case .perVUIterations(let vus, let n, let maxDuration):
            line = "\(Flow.count(vus, "VU")), \(Flow.count(n, "iteration")) each"
            if maxDuration != Self.defaultMaxDuration { line += " (at most \(maxDuration.shortText))" }
        case .rampingVUs(let start, let stages):
            line = "ramping VUs \(start)" + stages.map { " → \(Int($0.target)) over \($0.duration.shortText)" }.joined()
        case .constantArrivalRate(let rate, let duration, let maxVUs):
            line =
                "\(IterationRateText.format(rate)) iterations for \(duration.shortText), at most \(Flow.count(maxVUs, "VU")) (open model)"
        case .rampingArrivalRate(let start, let stages, let maxVUs):
            line =
                "arrival rate \(IterationRateText.format(start))"
                + stages.map { " → \(IterationRateText.format($0.target)) over \($0.duration.shortText)" }.joined()
                + ", at most \(Flow.count(maxVUs, "VU")) (open model)"
        }
        if startTime > .zero { line += ", starting at \(startTime.shortText)" }
        if gracefulStop != .seconds(10) { line += ", graceful stop \(gracefulStop.shortText)" }
        return line
    }
}
