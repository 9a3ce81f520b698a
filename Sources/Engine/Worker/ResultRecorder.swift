import Metrics
import Scenario
import Secrets

/// Turns what a worker's virtual users report into the interval's measurements: histograms per step and group,
/// the server's own timings, exemplars with their trace IDs, waterfalls of the slowest and some ordinary
/// iterations, and (for the probe) evidence of failures.
struct ResultRecorder {
    private(set) var store: MetricsStore
    private let catalog: SeriesCatalog
    /// The run's secrets and those this worker's users captured: every message and evidence is masked with them.
    private(set) var secrets: SecretMask
    private let keepEvidence: Bool
    private let roleNames: [String]
    private let scenarioNames: [String]
    /// The run's start (monotonic ns): exemplars and waterfalls say when they happened from it.
    var runStart: UInt64 = 0
    /// Messages already masked with the current secrets: a failing step repeats one message many times.
    private var maskedMessages: [String: String] = [:]
    /// Draws the keys of the uniform samples (exemplars, ordinary iterations).
    private var random = SplitMix64(seed: .random(in: 0...UInt64.max))

    /// Per role index (and one for a user of no role): what an iteration must beat to be kept as a waterfall.
    private var waterfallBars: [WaterfallBar]

    init(plan: RunPlan) {
        catalog = plan.catalog
        secrets = plan.secrets
        keepEvidence = plan.keepEvidence
        roleNames = plan.profile.roles.map(\.name)
        waterfallBars = Array(repeating: WaterfallBar(), count: roleNames.count + 1)
        scenarioNames = plan.scenarios.map(\.name)
        store = MetricsStore(catalog: plan.catalog)
    }

    mutating func record(_ result: VUResult) {
        switch result {
        case .iterationStarted(let scenario):
            store.scenarios[scenario].started += 1
        case .request(let r):
            record(r)
        case .group(let g):
            store.groups[g.series].record(micros: g.waitedMicros, overSpinner: g.overSpinner, failed: g.failed)
        case .iterationEnded(let i):
            if i.failed { store.iterationsFailed += 1 } else { store.iterationsCompleted += 1 }
            keepWaterfall(i)
        case .secret(let value):
            secrets.learn(value)
            maskedMessages.removeAll(keepingCapacity: true)
        }
    }

    private mutating func record(_ r: RequestRecord) {
        // Failure messages quote curl and responses: masked here, before they are counted or merged (evidence masks
        // its own). The masked message is handed over beside the record: a copy of the record to hold it (~550
        // bytes, retaining every string and array) cost every request a memcpy, failed or not.
        let message = r.sample.message.map { masked($0) }
        store.steps[r.series].record(r.sample, message: message)
        if !r.serverTiming.isEmpty { store.steps[r.series].serverTiming.record(r.serverTiming) }
        let key = random.next()
        if store.steps[r.series].exemplars.wants(micros: r.sample.totalMicros, key: key) {
            store.steps[r.series].exemplars.offer(
                Exemplar(
                    micros: r.sample.totalMicros, trace: r.trace, atSeconds: seconds(r.issuedAt),
                    status: r.result.status, error: r.sample.error?.rawValue, key: key))
        }
        if r.sample.error != nil, keepEvidence { keepEvidence(of: r) }
    }

    private mutating func masked(_ message: String) -> String {
        if let known = maskedMessages[message] { return known }
        if maskedMessages.count >= 256 { maskedMessages.removeAll(keepingCapacity: true) }
        let shown = secrets.mask(message)
        maskedMessages[message] = shown
        return shown
    }

    private mutating func keepWaterfall(_ i: IterationRecord) {
        let key = random.next()
        let index = roleNames.indices.contains(i.role) ? i.role : roleNames.count
        // Asked of every iteration: the role's bar, by index, instead of the kept lists, by role name.
        guard waterfallBars[index].admits(micros: i.totalMicros, key: key) else { return }
        let role = index < roleNames.count ? roleNames[index] : "anonymous"
        defer { waterfallBars[index] = WaterfallBar(store.iterations, role: role) }
        store.iterations.offer(
            IterationTrace(
                role: role, scenario: scenarioNames[i.scenario], vu: i.vu, iteration: i.iteration,
                atSeconds: seconds(i.startedAt), totalMicros: i.totalMicros, failed: i.failed, requests: i.requests,
                key: key))
    }

    private func seconds(_ monotonic: UInt64) -> Double {
        monotonic > runStart ? Double((monotonic - runStart) / 1000) / 1e6 : 0
    }

    mutating func recordLag(scenario: Int, micros: Int) { store.scenarios[scenario].scheduleLag.record(micros: micros) }
    mutating func recordDropped(scenario: Int) { store.scenarios[scenario].dropped += 1 }
    mutating func recordThrottled(micros: Int) {
        store.throttledRequests += 1
        store.throttleWait.record(micros: micros)
    }
    mutating func recordWakeLag(micros: Int) { store.wakeLag.record(micros: micros) }
    mutating func recordInterrupted(_ count: Int) { store.requestsInterrupted += count }

    /// Hands the interval's measurements over and starts the next interval empty, with histograms as wide as this
    /// one's (growing one from scratch every second cost more than recording into it).
    mutating func takeInterval() -> MetricsStore {
        defer {
            store = store.emptied()
            waterfallBars = Array(repeating: WaterfallBar(), count: roleNames.count + 1)
        }
        return store
    }

    /// Records a failed request in full (probe mode), up to the store's limit.
    private mutating func keepEvidence(of r: RequestRecord) {
        guard store.evidence.count < MetricsStore.maxEvidence, let sent = r.sent else { return }
        let key = catalog.steps[r.series]
        store.evidence.append(
            Evidence.make(
                flow: key.flow, step: key.step, role: key.role, request: sent, result: r.result, sample: r.sample,
                secrets: secrets))
    }
}

/// What an iteration of one role must beat to be kept among the waterfalls (mirrors `IterationTraces.wants`).
private struct WaterfallBar {
    var slowest = 0
    var slowestFloor = 0
    var sampled = 0
    var sampledCeiling = UInt64.max

    init() {}

    init(_ traces: IterationTraces, role: String) {
        let slow = traces.slowest[role] ?? []
        let some = traces.sampled[role] ?? []
        slowest = slow.count
        slowestFloor = slow.last?.totalMicros ?? 0
        sampled = some.count
        sampledCeiling = some.last?.key ?? .max
    }

    func admits(micros: Int, key: UInt64) -> Bool {
        slowest < IterationTraces.keepSlowest || micros > slowestFloor || sampled < IterationTraces.keepSampled
            || key < sampledCeiling
    }
}
