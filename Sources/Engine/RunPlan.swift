import CurlURL
import Foundation
import Metrics
import Scenario
import Secrets
import Transport

/// Everything a run needs, resolved once before any thread starts; read-only and shared by every worker.
public struct RunPlan: Sendable {
    public var profile: Profile
    /// The scenarios made ready to run; their VUs are numbered one after the other, scenario by scenario.
    public var scenarios: [PlannedScenario]
    public var catalog: SeriesCatalog
    /// Per virtual user (0-based, all scenarios, numbered the same in every segment): its scenario, its index
    /// within it, its role (index into `profile.roles`, dealt out by the scenario's weights), its rank among the
    /// users of its role, and the row of the role's accounts it logs in with (`accountRows`).
    public var scenarioOfVU: [Int]
    public var indexInScenario: [Int]
    public var roleOfVU: [Int]
    public var ordinalInRole: [Int]
    public var accountOfVU: [Int]
    /// CSV roles whose accounts this segment shares with another (fewer accounts than segments with its users).
    public var rolesSharingAccounts: [String]
    /// Every virtual user of the run, all scenarios together, all segments together.
    public var totalVUs: Int { roleOfVU.count }
    /// This process's share of the run (`--segment`); the whole run unless split.
    public let segment: Segment
    /// Which of the run's VUs this process runs, and on which of its worker threads.
    public var striping: VUStriping { VUStriping(segment: segment, workers: workers) }
    /// The virtual users this process runs.
    public var ownVUs: Int { segment.share(of: 0..<totalVUs) }
    public var workers: Int
    /// Transfers one worker keeps in flight at most; more wait in its queue (their wait counts as latency).
    public var maxInFlightPerWorker: Int
    /// The most requests one step sends at once (the widest parallel group): the easy handles each VU needs.
    public var maxParallelRequests: Int {
        scenarios.flatMap(\.flows).flatMap(\.steps).map { step in
            if case .group(let requests, _) = step { requests.count } else { 1 }
        }.max() ?? 1
    }
    /// The base URL with `{{env.…}}` expanded.
    public let baseURL: String
    /// Hosts requests may go to (`target.allow_hosts`, else the base URL's host), checked with libcurl's parser.
    public var allowList: HostAllowList
    /// The process environment snapshot that `{{env.…}}` reads.
    public var environment: [String: String]
    /// The masking rule with the secrets known before the run (role secrets, environment values flows read, literal
    /// credentials in flows); each engine thread adds the ones it captures.
    public var secrets: SecretMask
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
    /// Seeds every user's random draws (think times), so a run with the same seed waits the same. Each user's
    /// stream is keyed by its run-wide number, so a segment re-run with the seed waits as it did, and the segments
    /// of one seed together wait as the whole run would.
    public var seed: UInt64
    /// When the load starts (`--start-at`): the workers make their handles, then wait for it. Nil: at once.
    public var startAt: Date?

    /// - Parameter network: conditions for every role, overriding the profile's (`--network`); a pass-through
    ///   network (`none`) turns emulation off for all.
    public init(
        profile: Profile, workers: Int, environment: [String: String], maxInFlightPerWorker: Int = 1000,
        caFile: String? = nil, network: NetworkConditions? = nil, seed: UInt64 = .random(in: 0...UInt64.max),
        segment: Segment = .whole, startAt: Date? = nil
    ) {
        self.seed = seed
        self.profile = profile
        self.segment = segment
        self.startAt = startAt
        self.workers = max(1, min(workers, segment.share(of: 0..<profile.maxVUs)))
        self.environment = environment
        self.maxInFlightPerWorker = maxInFlightPerWorker
        self.caFile = caFile
        secrets = SecretMask(profile: profile, environment: environment)
        networkByRole = profile.roles.indices.map { index in
            (network ?? profile.networkConditions(forRole: index)).flatMap { $0.isPassThrough ? nil : $0 }
        }
        var builder = CatalogBuilder(roles: profile.roles.map(\.name), scenarios: profile.scenarios.map(\.name))
        builder.roleSpinners = profile.roles.map(\.spinner)
        builder.runSpinner = profile.timeouts.spinner
        let base = Template(literalOrParsed: profile.target.baseURL).render { v in
            if case .env(let name) = v { environment[name] } else { nil }
        }
        baseURL = base
        // User info in the base URL (`https://user:pw@staging/`, often from an environment variable) is a credential.
        if let info = (try? URLText.splitUserInfo(base))?.userInfo {
            secrets.add(info)
            if let colon = info.firstIndex(of: ":") { secrets.add(String(info[info.index(after: colon)...])) }
        }
        let listed = profile.target.allowHosts
        let allowList = HostAllowList(listed.isEmpty ? [ParsedURL(base)?.host ?? ""] : listed)
        self.allowList = allowList
        var planned: [PlannedScenario] = []
        var scenarioOfVU: [Int] = []
        var indexInScenario: [Int] = []
        var roleOfVU: [Int] = []
        for (index, scenario) in profile.scenarios.enumerated() {
            builder.scenario = index
            let flows = scenario.flows.map { builder.compile($0, baseURL: base, allowList: allowList) }
            planned.append(PlannedScenario(index: index, scenario: scenario, flows: flows, firstVU: roleOfVU.count))
            let vus = scenario.load.maxVUs
            scenarioOfVU += Array(repeating: index, count: vus)
            indexInScenario += Array(0..<vus)
            roleOfVU += RoleDealer.deal(vus: vus, weights: scenario.roleWeights)
        }
        scenarios = planned
        self.scenarioOfVU = scenarioOfVU
        self.indexInScenario = indexInScenario
        self.roleOfVU = roleOfVU
        upstreams = Upstream.all(baseURL: base, flows: planned.flatMap(\.flows))
        catalog = builder.catalog
        var seen = Array(repeating: 0, count: profile.roles.count)
        ordinalInRole = roleOfVU.map { role in
            defer { seen[role] += 1 }
            return seen[role]
        }
        let rows = AccountRows.deal(
            roleOfVU: roleOfVU, ordinalInRole: ordinalInRole, accounts: profile.roles.map(\.accounts.count),
            segment: segment)
        accountOfVU = rows.rowOfVU
        // Inline `fields` are one shared login by design; a CSV is a list of accounts meant to be distinct.
        rolesSharingAccounts = rows.sharedRoles.filter { profile.roles[$0].accountsFile != nil }.map {
            profile.roles[$0].name
        }
    }
}

extension RunPlan {
    /// How every easy handle of the run is set up: the profile's timeouts, HTTP version, TLS, compression.
    public var transferOptions: TransferOptions {
        let target = profile.target
        return TransferOptions(
            timeoutMilliseconds: Int(profile.timeouts.request.nanoseconds / 1_000_000),
            connectTimeoutMilliseconds: Int(profile.timeouts.connect.nanoseconds / 1_000_000),
            allowHTTP2: target.httpVersion == .auto, verifyTLS: target.verifyTLS, caFile: caFile,
            acceptEncoding: target.acceptEncoding, userAgent: Self.userAgent)
    }

    /// What every request says it is, unless the flow sets its own: staging logs can tell load from people.
    public static var userAgent: String { "Rehearsal/\(RehearsalVersion.current) \(Curl.shortVersion)" }

    /// The reachability check before a run: one connection to the base URL, within the connect timeout.
    public var preflightOptions: TransferOptions {
        var options = transferOptions
        options.timeoutMilliseconds = options.connectTimeoutMilliseconds
        options.allowHTTP2 = false
        return options
    }
}

/// One scenario of a plan: its load, its compiled flows and where its VUs start in the run's numbering.
public struct PlannedScenario: Sendable {
    public var index: Int
    public var name: String
    public var load: LoadShape
    public var flows: [CompiledFlow]
    /// The run-wide index of the scenario's first VU; its VUs are `firstVU ..< firstVU + load.maxVUs`.
    public var firstVU: Int

    init(index: Int, scenario: LoadScenario, flows: [CompiledFlow], firstVU: Int) {
        self.index = index
        name = scenario.name
        load = scenario.load
        self.flows = flows
        self.firstVU = firstVU
    }

    public var isOpenModel: Bool { load.executor.isArrivalRate }
}

extension Template {
    /// Parses `text`; text that is not a valid template stays literal (the loader already reported it).
    init(literalOrParsed text: String) {
        self = (try? Template.parse(text)) ?? Template(literal: text)
    }
}
