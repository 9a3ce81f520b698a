import Verdicts

/// The line a probe prints on stdout for machines: its result as compact JSON, snake_case keys, sorted, on one line.
public struct ProbeJSONLine: Reporter {
    public init() {}

    public func render(_ result: ProbeResult) -> String {
        JSONText.encode(result, pretty: false)
    }
}
