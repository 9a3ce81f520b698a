import Foundation
import Metrics
import RunFixtures
import Verdicts

/// Runs for the HTML pages: `ReportFixture`'s run with everything a new run keeps (per-role timeline, thresholds,
/// load marks, the stop's moment, Server-Timing, exemplars, waterfalls, network, machine, profile), and a knee.
enum HTMLFixture {
    static func richRun(seconds: Int = 20) -> SavedRun {
        var run = ReportFixture.savedRun()
        run.info.thresholds = [
            "p95 < 1s", "p95(group:home, role:user) < 2s", "p99(step:login) < 50ms", "error_rate < 5%",
        ]
        run.info.timeline = timeline(seconds: seconds)
        run.info.stopAtSeconds = Double(seconds) - 2
        run.info.machine = "ci-host · Linux 6.1 x86_64 · 2 cores, 2 engine threads"
        run.info.profileSummary = [
            "profile golden: target http://127.0.0.1:9999 (allowed hosts: 127.0.0.1)",
            "roles: admin (1 account), user (3 accounts from users.csv)", "load: 4 VUs for 30s, ramp-up 5s",
        ]
        run.info.scenarios = [
            ScenarioInfo(
                name: "default", executor: "constant-vus", load: "4 VUs for 30s, ramp-up 5s", openModel: false,
                maxVUs: 4,
                marks: [LoadMark(atSeconds: 5, label: "4 VUs"), LoadMark(atSeconds: 30, label: "end of load")])
        ]
        run.info.network = [
            RoleNetwork(
                role: "user", preset: "slow-4g", rttMs: 150, jitterMs: 20, downKbit: 1600, upKbit: 750, faults: [])
        ]
        run.info.generator = GeneratorHealth.judge(
            busiestWorkerCPU: 0.2, processCPU: 0.3, lag: nil, dropped: 0, runSeconds: Double(seconds))
        addDiagnosis(&run.store)
        return run
    }

    /// Per second, per role: admin steady and fast, user's latency climbing past the spinner from second 8.
    static func timeline(seconds: Int) -> [TimelinePoint] {
        (1...max(seconds, 1)).map { s in
            let user = s < 8 ? 300.0 : 2_400 + Double(s * 10)
            let roles = [
                RoleTimelinePoint(
                    role: "admin", activeVus: 2, requests: 20, failed: 0, timeouts: 0, p50: 10, p95: 25, p99: 40),
                RoleTimelinePoint(
                    role: "user", activeVus: 2, requests: s % 7 == 0 ? 0 : 6, failed: s > 12 ? 1 : 0,
                    timeouts: s > 14 ? 1 : 0, p50: user / 2, p95: user, p99: user * 1.3),
            ]
            return TimelinePoint(
                elapsed: Double(s), activeVus: 4, requests: 26, failed: s > 12 ? 1 : 0, timeouts: s > 14 ? 1 : 0,
                p95: user, at: 1_800_000_000 + Double(s), roles: roles)
        }
    }

    /// Server-Timing and exemplars on `home › tasks`, and a waterfall per role.
    static func addDiagnosis(_ store: inout MetricsStore) {
        for i in 0..<10 {
            store.steps[5].serverTiming.record([
                ServerTimingMetric(name: "db", milliseconds: 1_200),
                ServerTimingMetric(name: "pool", milliseconds: 600),
            ])
            store.steps[4].serverTiming.record([ServerTimingMetric(name: "db", milliseconds: 60)])
            let trace = TraceRef(traceHigh: UInt64(i + 1), traceLow: 42, span: 7)
            store.steps[5].exemplars.offer(
                Exemplar(
                    micros: 1_900_000 + i, trace: trace, atSeconds: Double(i), status: 200, error: nil, key: UInt64(i)))
        }
        for (role, slow) in [("admin", false), ("user", true)] {
            let series = role == "admin" ? [0, 2, 4] : [1, 3, 5]
            var start = 0
            let requests = series.map { index -> RequestTrace in
                let total = index == 5 && slow ? 1_900_000 : 20_000
                defer { start += total }
                return RequestTrace(
                    series: index, startMicros: start, totalMicros: total,
                    sample: RequestSample(totalMicros: total, phaseMicros: (100, 300, 0, total - 1_000, 600)),
                    status: 200,
                    trace: TraceRef(traceHigh: 9, traceLow: 9, span: 9),
                    serverTiming: index == 5 ? [ServerTimingMetric(name: "db", milliseconds: 1_200)] : [])
            }
            store.iterations.offer(
                IterationTrace(
                    role: role, scenario: "default", vu: 1, iteration: 3, atSeconds: 4, totalMicros: start,
                    failed: false,
                    requests: requests, key: 5))
        }
    }

    static let kneeJSON = """
        {"schema":"rehearsal.knee","version":1,"unit":"vus","spinner_ms":2000,"error_limit_percent":1,
        "planned_levels":[1,2,4],"stopped_early":false,
        "levels":[
         {"load":1,"seconds":15,"roles":[
          {"role":"admin","requests":40,"throughput":2.7,"errors":0,"error_rate_percent":0,"crossed":false,
           "waits":[{"name":"home","count":20,"p50_ms":80,"p95_ms":95,"failed":0}]},
          {"role":"user","requests":40,"throughput":2.6,"errors":0,"error_rate_percent":0,"crossed":false,
           "waits":[{"name":"home","count":20,"p50_ms":400,"p95_ms":900,"failed":0}]}]},
         {"load":2,"seconds":15,"roles":[
          {"role":"admin","requests":80,"throughput":5.3,"errors":0,"error_rate_percent":0,"crossed":false,
           "waits":[{"name":"home","count":40,"p50_ms":85,"p95_ms":99,"failed":0}]},
          {"role":"user","requests":60,"throughput":4,"errors":0,"error_rate_percent":0,"crossed":true,
           "waits":[{"name":"home","count":30,"p50_ms":1500,"p95_ms":2600,"failed":0}]}]}],
        "roles":[{"role":"admin"},{"role":"user","crossed_at":2,"safe":1,"reason":"home p95 2.6s > 2s"}]}
        """

    static func knee() throws -> KneeReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(KneeReport.self, from: Data(kneeJSON.utf8))
    }

    /// The saved `rehearse demo` run of the Verdicts tests: schema version 1 without any field added since.
    static let oldRunFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("VerdictsTests/Fixtures/demo-run")

    static func oldRun() throws -> SavedRun {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(
            SavedRun.self, from: Data(contentsOf: oldRunFolder.appendingPathComponent("histograms.json")))
    }
}
