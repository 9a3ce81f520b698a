/// A whole test: where to send traffic, which flows, as which roles, how much load, what limits.
public struct Profile: Sendable, Equatable, Codable {
    public var name: String
    public var target: Target
    /// What runs: one scenario (`default`) unless the profile has `scenarios:`. Never empty.
    public var scenarios: [LoadScenario]
    public var roles: [Role]
    public var timeouts: Timeouts
    /// Folder that receives `Results/<UTC time>-<name>/`; relative paths are relative to the working directory.
    public var output: String
    /// Latency limits for `rehearse probe` (`probe:`), if any.
    public var probe: ProbeSettings?
    /// Network conditions for every VU (`network:`), unless its role sets its own; `nil` = none.
    public var network: NetworkConditions?
    /// Pass/fail conditions evaluated when the run ends (`thresholds:`); empty = none.
    public var thresholds: [Threshold] = []
    /// Conditions that stop the run early (`abort_when:`), checked once a second while it runs.
    public var abortWhen: [AbortCondition] = []
    /// The most requests per second the run may send, all scenarios together (`target.max_rate`); nil = no cap.
    public var maxRequestRate: Double? { target.maxRate }
    public var source: SourceLocation?

    public init(
        name: String, target: Target, scenarios: [LoadScenario], roles: [Role], timeouts: Timeouts,
        output: String = "Results", network: NetworkConditions? = nil, source: SourceLocation? = nil
    ) {
        self.name = name
        self.target = target
        self.scenarios = scenarios
        self.roles = roles
        self.timeouts = timeouts
        self.output = output
        self.network = network
        self.source = source
    }

    /// A profile with one scenario (`default`): `flows` under `load`, every role at its own weight.
    public init(
        name: String, target: Target, flows: [Flow], roles: [Role], load: LoadShape, timeouts: Timeouts,
        output: String = "Results", network: NetworkConditions? = nil, source: SourceLocation? = nil
    ) {
        let scenario = LoadScenario(
            name: LoadScenario.defaultName, flows: flows, roleWeights: roles.map(\.weight), load: load)
        self.init(
            name: name, target: target, scenarios: [scenario], roles: roles, timeouts: timeouts, output: output,
            network: network, source: source)
    }

    /// Every flow the scenarios run, each once (by name), in order of first use.
    public var flows: [Flow] {
        var seen: Set<String> = []
        return scenarios.flatMap(\.flows).filter { seen.insert($0.name).inserted }
    }

    /// The most virtual users the run uses at once, all scenarios together.
    public var maxVUs: Int { scenarios.reduce(0) { $0 + $1.load.maxVUs } }

    /// Whether the run names more than its one default scenario (reports then show scenario names).
    public var hasNamedScenarios: Bool { scenarios.count > 1 || scenarios.first?.name != LoadScenario.defaultName }
}

/// The system under test: a base URL and the hosts a run may contact.
public struct Target: Sendable, Equatable, Codable {
    /// Joined with relative step paths, e.g. `http://127.0.0.1:8787`. May hold `{{env.…}}`.
    public var baseURL: String
    /// Host names (or IP literals) requests may go to; any other host is refused before sending.
    /// When the profile names none, only the base URL's host is allowed.
    public var allowHosts: [String]
    /// Send HTTP/1.1 only (`http1`), or let TLS negotiate HTTP/2 (`auto`, the default).
    public var httpVersion: HTTPVersion
    /// Verify TLS certificates (default true). Off only for self-signed staging.
    public var verifyTLS: Bool
    /// Requests per second the run never exceeds, all scenarios together (`max_rate: 200/s`); nil = no cap.
    public var maxRate: Double?
    /// Connections one virtual user opens to one host at most (`max_connections_per_host`, default 6 as in
    /// browsers); further requests of a parallel group queue, and the queueing counts in the user's wait. 0: no cap.
    public var maxConnectionsPerHost = Target.browserConnectionsPerHost
    /// `Accept-Encoding` sent when a flow does not set one (`accept_encoding`; default what browsers send);
    /// nil asks for no compression. Responses are decoded by libcurl.
    public var acceptEncoding: String? = Target.browserAcceptEncoding
    /// Send a W3C `traceparent` with every request (`trace`, default true): a fresh trace ID per iteration and a span
    /// per request, so the slowest requests can be found in the backend's tracing.
    public var trace = true
    public var source: SourceLocation?

    /// Chrome, Firefox and Safari open at most 6 HTTP/1.1 connections per host.
    public static let browserConnectionsPerHost = 6
    /// What current browsers send (without zstd, which not every libcurl decodes).
    public static let browserAcceptEncoding = "gzip, deflate, br"

    public enum HTTPVersion: String, Sendable, Equatable, Codable { case auto, http1 }

    public init(
        baseURL: String, allowHosts: [String], httpVersion: HTTPVersion = .auto, verifyTLS: Bool = true,
        source: SourceLocation? = nil
    ) {
        self.baseURL = baseURL
        self.allowHosts = allowHosts
        self.httpVersion = httpVersion
        self.verifyTLS = verifyTLS
        self.source = source
    }
}

/// Who the virtual users are logged in as; `{{role.FIELD}}` reads a field.
public struct Role: Sendable, Equatable, Codable {
    public var name: String
    /// Share of the virtual users that take this role (default 1; VUs are dealt out by weight).
    public var weight: Int
    /// Credential sets; each virtual user of the role takes one, round robin. At least one.
    /// Values were resolved from the environment or a CSV file when the profile was loaded.
    public var accounts: [[String: String]]
    /// Field names whose values are secrets (passwords, tokens): never printed or written to results.
    public var secretFields: Set<String>
    /// The CSV file the accounts were read from (as written in the profile), or `nil` for inline `fields`.
    public var accountsFile: String?
    /// Network conditions for this role's VUs (`network:`), overriding the profile's; `nil` = the profile's.
    public var network: NetworkConditions?
    /// This role's spinner limit (`spinner:`, e.g. a mobile user gives up sooner), instead of `timeouts.spinner`;
    /// a step's or group's own limit wins.
    public var spinner: Duration?

    public init(
        name: String, weight: Int = 1, accounts: [[String: String]], secretFields: Set<String> = [],
        accountsFile: String? = nil, network: NetworkConditions? = nil
    ) {
        self.name = name
        self.weight = weight
        self.accounts = accounts
        self.secretFields = secretFields
        self.accountsFile = accountsFile
        self.network = network
    }
}

/// Per-request, connect and spinner limits.
public struct Timeouts: Sendable, Equatable, Codable {
    /// The whole request, connect included (default 10 s). A request past it is a timeout.
    public var request: Duration
    /// TCP + TLS connect (default 5 s).
    public var connect: Duration
    /// When a user waiting on a step or group sees a "spinner of death" (default 3 s).
    public var spinner: Duration

    public init(request: Duration = .seconds(10), connect: Duration = .seconds(5), spinner: Duration = .seconds(3)) {
        self.request = request
        self.connect = connect
        self.spinner = spinner
    }
}
