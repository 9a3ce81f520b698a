import Metrics
import Scenario

/// Turns what a worker's virtual users report into the interval's measurements: the one listener of the result
/// stream today (histograms and evidence); waterfalls, exemplars and Server-Timing are further listeners.
struct ResultRecorder {
    private(set) var store: MetricsStore
    private let catalog: SeriesCatalog
    private let secrets: SecretList
    private let keepEvidence: Bool

    init(plan: RunPlan) {
        catalog = plan.catalog
        secrets = plan.secrets
        keepEvidence = plan.keepEvidence
        store = MetricsStore(catalog: plan.catalog)
    }

    mutating func record(_ result: VUResult) {
        switch result {
        case .iterationStarted(let scenario):
            store.scenarios[scenario].started += 1
        case .request(let r):
            store.steps[r.series].record(r.sample)
            if r.sample.error != nil, keepEvidence { keepEvidence(of: r) }
        case .group(let g):
            store.groups[g.series].record(micros: g.waitedMicros, overSpinner: g.overSpinner, failed: g.failed)
        case .iterationEnded(_, let failed):
            if failed { store.iterationsFailed += 1 } else { store.iterationsCompleted += 1 }
        }
    }

    mutating func recordLag(scenario: Int, micros: Int) { store.scenarios[scenario].scheduleLag.record(micros: micros) }
    mutating func recordDropped(scenario: Int) { store.scenarios[scenario].dropped += 1 }
    mutating func recordThrottled() { store.throttledRequests += 1 }
    mutating func recordInterrupted(_ count: Int) { store.requestsInterrupted += count }

    /// Hands the interval's measurements over and starts the next interval empty.
    mutating func takeInterval() -> MetricsStore {
        defer { store = MetricsStore(catalog: catalog) }
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
