extension Profile {
    /// What `rehearse validate` prints: one line per flow, then roles, load, timeouts and output, e.g.
    /// `flow dashboard: 5 steps (1 group of 4 parallel requests)`,
    /// `roles: admin (1 account), user (3 accounts from users.csv)`,
    /// `load: 10 VUs for 30s, ramp-up 5s`. Never includes role field values or environment values.
    public func validationSummary() -> [String] {
        var lines = ["profile \(name): target \(URLText.withoutUserInfo(target.baseURL)) (allowed hosts: "
            + target.allowHosts.joined(separator: ", ") + ")"]
        lines += flows.map(\.summaryLine)
        lines.append("roles: " + roles.map(\.summaryText).joined(separator: ", "))
        lines.append(load.summaryLine)
        lines.append(
            "timeouts: request \(timeouts.request.shortText), connect \(timeouts.connect.shortText), "
                + "spinner \(timeouts.spinner.shortText)")
        if let network = networkSummaryLine { lines.append(network) }
        lines.append("output: \(output)")
        return lines
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
    /// `load: 10 VUs for 30s, ramp-up 5s` or `load: 10 VUs, 200 iterations in total`.
    var summaryLine: String {
        var line = "load: \(Flow.count(vus, "VU"))"
        switch end {
        case .duration(let d): line += " for \(d.shortText)"
        case .iterations(let n): line += ", \(Flow.count(n, "iteration")) in total"
        case .iterationsPerVU(let n): line += ", \(Flow.count(n, "iteration")) each"
        }
        if rampUp > .zero { line += ", ramp-up \(rampUp.shortText)" }
        if gracefulStop != .seconds(10) { line += ", graceful stop \(gracefulStop.shortText)" }
        return line
    }
}
