import Metrics
import Scenario

/// Judges `abort_when` once a second while a run goes on (``AbortCondition``): each condition on that second's
/// requests; the first that has held for its `for` duration is returned, so the run can stop gracefully and
/// still write everything measured.
public struct AbortWatch {
    private let conditions: [AbortCondition]
    private let catalog: SeriesCatalog
    /// Per condition: the run time (s) at which it began to hold, nil while it does not.
    private var heldSince: [Double?]

    public init(conditions: [AbortCondition], catalog: SeriesCatalog) {
        self.conditions = conditions
        self.catalog = catalog
        heldSince = Array(repeating: nil, count: conditions.count)
    }

    /// Checks the interval that ended at `elapsed` seconds into the run, `seconds` long. Returns why the run must
    /// stop (e.g. `error_rate > 20% for 10s: error_rate 100% since 12s`), or nil.
    public mutating func check(_ interval: MetricsStore, elapsed: Double, seconds: Double = 1) -> String? {
        for (i, c) in conditions.enumerated() {
            let value = ThresholdEvaluation.observe(c.condition, catalog: catalog, store: interval, seconds: seconds)
            guard let value, c.condition.passes(value) else {
                heldSince[i] = nil
                continue
            }
            let since = heldSince[i] ?? max(0, elapsed - seconds)
            heldSince[i] = since
            if elapsed - since + 1e-6 >= c.holdFor.inSeconds {
                let shown = GateFormat.value(value, c.condition.metric)
                let span = c.holdFor > .zero ? " since \(Format.trimmed(since, digits: 0))s" : ""
                return "\(c.text): \(c.condition.metric.rawValue) \(shown)\(span)"
            }
        }
        return nil
    }
}
