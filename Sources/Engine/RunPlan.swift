import Metrics
import Scenario

/// Everything a run needs, resolved once before any thread starts; read-only and shared by every worker.
public struct RunPlan: Sendable {
    public var profile: Profile
    public var flows: [CompiledFlow]
    public var catalog: SeriesCatalog
    /// Role of each virtual user (index into `profile.roles`), dealt out by weight.
    public var roleOfVU: [Int]
    /// Each virtual user's rank among the users of its role: which account of the role it takes.
    public var ordinalInRole: [Int]
    public var workers: Int
    /// Transfers one worker keeps in flight at most; more wait in its queue (their wait counts as latency).
    public var maxInFlightPerWorker: Int
    /// The most requests one step sends at once (the widest parallel group): the easy handles each VU needs.
    public var maxParallelRequests: Int {
        flows.flatMap(\.steps).map { step in
            if case .group(let requests, _) = step { requests.count } else { 1 }
        }.max() ?? 1
    }
    /// The base URL with `{{env.…}}` expanded.
    public let baseURL: String
    /// Hosts requests may go to (lower-cased).
    public var allowedHosts: Set<String>
    /// The process environment snapshot that `{{env.…}}` reads.
    public var environment: [String: String]
    /// Values that must never appear in clear in a message (role secrets, environment values flows read).
    public var secrets: SecretList
    /// Per role: the network its virtual users run under (nil: direct). From the role, else the profile, unless
    /// the command line overrides them all.
    public var networkByRole: [NetworkConditions?]
    /// The hosts and ports requests can reach, known before the run (what network proxies forward to).
    public var upstreams: [Upstream]
    /// Skip think times (a probe checks the flow, it does not pace like a user).
    public var skipThinkTime = false
    /// Keep every response's headers and first bytes, and record failed requests in full (`rehearse probe`).
    public var keepEvidence = false
    /// Extra CA bundle (PEM) for TLS targets with a private CA.
    public var caFile: String?

    public init(
        profile: Profile, workers: Int, environment: [String: String], maxInFlightPerWorker: Int = 1000,
        caFile: String? = nil
    ) {
        self.profile = profile
        self.workers = max(1, min(workers, profile.load.vus))
        self.environment = environment
        self.maxInFlightPerWorker = maxInFlightPerWorker
        self.caFile = caFile
        secrets = SecretList(profile: profile, environment: environment)
        networkByRole = profile.roles.indices.map { index in
            profile.networkConditions(forRole: index).flatMap { $0.isPassThrough ? nil : $0 }
        }
        var builder = CatalogBuilder(roles: profile.roles.map(\.name))
        let base = Template(literalOrParsed: profile.target.baseURL).render { v in
            if case .env(let name) = v { environment[name] } else { nil }
        }
        baseURL = base
        let listed = profile.target.allowHosts.map { $0.lowercased() }
        allowedHosts = Set(listed.isEmpty ? [URLJoin.host(of: base) ?? ""] : listed)
        flows = profile.flows.map { builder.compile($0, baseURL: base) }
        upstreams = Upstream.all(baseURL: base, flows: flows)
        catalog = builder.catalog
        roleOfVU = RoleDealer.deal(vus: profile.load.vus, weights: profile.roles.map(\.weight))
        var seen = Array(repeating: 0, count: profile.roles.count)
        ordinalInRole = roleOfVU.map { role in
            defer { seen[role] += 1 }
            return seen[role]
        }
    }
}

extension Template {
    /// Parses `text`; text that is not a valid template stays literal (the loader already reported it).
    init(literalOrParsed text: String) {
        self = (try? Template.parse(text)) ?? Template(literal: text)
    }
}
