import CurlURL
import Scenario

/// What every virtual user of a run reads and never changes, resolved once from the plan. Passed to each call
/// rather than stored, so a user stays small (tens of thousands of them share one).
final class UserContext: Sendable {
    let environment: [String: String]
    let requestTimeout: Duration
    let connectTimeout: Duration
    /// The spinner limit in µs of each lone step's and each group's series (its own, its role's or
    /// `timeouts.spinner`): a wait longer than this is a spinner of death.
    let stepSpinnerMicros: [Int]
    let groupSpinnerMicros: [Int]
    let skipThinkTime: Bool
    let keepEvidence: Bool
    /// The allow-list check, parsing as libcurl sends.
    let allowList: HostAllowList
    /// Send a W3C `traceparent` with every request (`target.trace`, on by default).
    let trace: Bool
    /// Names of the roles and scenarios, by index (for what the users report).
    let roleNames: [String]
    let scenarioNames: [String]
    /// A browser's per-origin connection limit (`target.max_connections_per_host`; 0: none).
    let connectionsPerOrigin: Int
    /// Listening ports of the network-emulation proxies: a fresh connection to one of them paid an emulated connect.
    let proxyPorts: Set<Int>

    init(plan: RunPlan, proxyPorts: Set<Int>) {
        environment = plan.environment
        requestTimeout = plan.profile.timeouts.request
        connectTimeout = plan.profile.timeouts.connect
        let run = plan.profile.timeouts.spinner.micros
        stepSpinnerMicros = plan.catalog.steps.map { $0.spinnerMs.map { $0 * 1000 } ?? run }
        groupSpinnerMicros = plan.catalog.groups.map { $0.spinnerMs.map { $0 * 1000 } ?? run }
        skipThinkTime = plan.skipThinkTime
        keepEvidence = plan.keepEvidence
        allowList = plan.allowList
        connectionsPerOrigin = plan.profile.target.maxConnectionsPerHost
        trace = plan.profile.target.trace
        roleNames = plan.profile.roles.map(\.name)
        scenarioNames = plan.scenarios.map(\.name)
        self.proxyPorts = proxyPorts
    }
}
