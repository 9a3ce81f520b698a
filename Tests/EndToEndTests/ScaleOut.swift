import Foundation
import TestSupport

/// Helpers of the scale-out tests: a split profile, segment processes started together, what the server saw.
enum ScaleOut {
    /// A closed scenario (6 VUs looping with a think time) and an open one (100 arrivals a second for 2 s), as one
    /// CSV role of 12 accounts; each request says which arrival, account and process sent it.
    static func write(in w: Workspace, base: String, name: String = "split") throws -> String {
        let csv = "email\n" + (1...12).map { "user\($0)@example.test" }.joined(separator: "\n") + "\n"
        try csv.write(to: w.folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        return try w.write(
            profile: """
                name: \(name)
                target: { base_url: \(base) }
                roles:
                  user: { csv: users.csv }
                scenarios:
                  closed:
                    flow: flow.yaml
                    load: { executor: constant-vus, vus: 6, duration: 2s }
                  open:
                    flow: flow.yaml
                    load: { executor: constant-arrival-rate, rate: 100/s, duration: 2s, max_vus: 10 }
                thresholds: [p95 < 2s]
                timeouts: { request: 5s, connect: 2s, spinner: 2s }
                """,
            flow: """
                steps:
                  - { name: ok, get: "/ok?a={{arrival}}&u={{role.email}}&p={{env.PART}}" }
                  - think: 50ms
                """)
    }

    /// Runs segments 1…`count` at once, starting the load together; returns their outputs.
    static func runSegments(
        _ count: Int, profile: String, in w: Workspace, extra: [String] = []
    ) throws -> [ChildProcess.Output] {
        let start = Date().addingTimeInterval(4).ISO8601Format(.iso8601)
        let children = try (1...count).map { i in
            try RehearseBinary.start(
                [
                    "run", profile, "--segment", "\(i)/\(count)", "--start-at", start, "--seed", "5",
                    "--out", w.results.path, "-q", "--workers", "1",
                ] + extra,
                environment: ["PART": "\(i)"], directory: w.folder.path)
        }
        return try children.map { try $0.wait(timeout: .seconds(60)) }
    }

    /// The query of each request target (`/ok?a=3&u=x&p=1` → ["a": "3", …]).
    static func queries(_ targets: [String]) -> [[String: String]] {
        targets.compactMap { target in
            guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
            var fields: [String: String] = [:]
            for pair in query.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                fields[String(kv[0])] = kv.count > 1 ? String(kv[1]).removingPercentEncoding : ""
            }
            return fields
        }
    }

    static func json(_ url: URL) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw Failure("\(url.path) is not a JSON object")
        }
        return object
    }

    /// Every recorded latency of every step of a saved run (µs), expanded from the histograms' values and counts.
    static func samples(inRun folder: URL) throws -> [Int] {
        let saved = try json(folder.appendingPathComponent("histograms.json"))
        let steps = (saved.object("store")?["steps"] as? [[String: Any]]) ?? []
        var all: [Int] = []
        for step in steps {
            guard let total = step["total"] as? [String: Any], let values = total["values"] as? [Int],
                let counts = total["counts"] as? [Int]
            else { continue }
            for (value, count) in zip(values, counts) { all += Array(repeating: value, count: count) }
        }
        return all.sorted()
    }

    /// Nearest-rank percentile of sorted samples, in ms.
    static func percentile(_ p: Double, of sorted: [Int]) -> Double {
        let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        return Double(sorted[rank - 1]) / 1000
    }
}
