import Foundation
import Metrics
import Testing

/// A small run: flow `shop`, a lone `login` step and a `home` group of two requests, for roles admin and
/// user. The user's `home › cart` series is never used (it stays empty).
enum Fixture {
    static let catalog = SeriesCatalog(
        steps: [
            .init(flow: "shop", step: "login", group: nil, role: "admin", method: "POST"),
            .init(flow: "shop", step: "login", group: nil, role: "user", method: "POST"),
            .init(flow: "shop", step: "me", group: "home", role: "admin", method: "GET"),
            .init(flow: "shop", step: "cart", group: "home", role: "user", method: "GET"),
        ],
        groups: [
            .init(flow: "shop", group: "home", role: "admin"),
            .init(flow: "shop", group: "home", role: "user"),
        ])

    static func info(durationSeconds: Double = 4, stopReason: String = "completed") -> RunInfo {
        RunInfo(
            profile: "shop", startedAt: "2026-01-02T03:04:05Z", endedAt: "2026-01-02T03:04:09Z",
            durationSeconds: durationSeconds, stopReason: stopReason, baseURL: "http://127.0.0.1:8080", vus: 4,
            plannedDurationSeconds: nil, plannedIterations: 10, rampUpSeconds: 0.5, workers: 2,
            requestTimeoutMs: 2_000, connectTimeoutMs: 1_000, spinnerMs: 1_500, roles: ["admin", "user"],
            rehearsalVersion: "0.0.0-test", libcurlVersion: "8.0.0",
            timeline: [
                TimelinePoint(elapsed: 1, activeVus: 4, requests: 3, failed: 1, timeouts: 1, p95: 2_000),
                TimelinePoint(elapsed: 2, activeVus: 2, requests: 2, failed: 0, timeouts: 0, p95: 12.5),
            ])
    }

    static func store() -> MetricsStore {
        var s = MetricsStore(catalog: catalog)
        // admin login: two good requests on a fresh then a reused connection.
        s.steps[0].record(
            RequestSample(
                totalMicros: 20_000, phaseMicros: (100, 400, 0, 15_000, 500), freshConnection: true, bytes: 40))
        s.steps[0].record(RequestSample(totalMicros: 10_000, phaseMicros: (0, 0, 0, 9_000, 300), bytes: 40))
        // user login: a timeout (no response) and a 500.
        s.steps[1].record(
            RequestSample(
                totalMicros: 2_000_000, responded: false, error: .timeout, message: "timeout: no response in 2s",
                overSpinner: true))
        s.steps[1].record(
            RequestSample(
                totalMicros: 30_000, phaseMicros: (0, 0, 0, 29_000, 100), error: .http5xx, message: "HTTP 500",
                bytes: 10))
        // admin home › me: one request.
        s.steps[2].record(RequestSample(totalMicros: 5_000, phaseMicros: (0, 0, 0, 4_000, 200), bytes: 99))
        s.groups[0].record(micros: 6_000, overSpinner: false, failed: false)
        s.iterationsCompleted = 2
        s.iterationsFailed = 1
        s.requestsInterrupted = 1
        return s
    }
}

@Suite("MetricsStore")
struct MetricsStoreTests {
    @Test func startsWithOneEmptySeriesPerCatalogEntry() {
        let s = MetricsStore(catalog: Fixture.catalog)
        #expect(s.steps.count == 4)
        #expect(s.groups.count == 2)
        #expect(s.requests == 0 && s.failed == 0)
        #expect(s.allRequests.count == 0)
    }

    @Test func totalsSumEverySeries() {
        let s = Fixture.store()
        #expect(s.requests == 5)
        #expect(s.failed == 2)
        #expect(s.errors(.timeout) == 1)
        #expect(s.errors(.http5xx) == 1)
        #expect(s.errors(.check) == 0)
        #expect(s.allRequests.count == 5)
        #expect(within3Digits(s.allRequests.maxMicros, 2_000_000))
    }

    @Test func addMergesSeriesAndCounters() {
        var a = Fixture.store()
        let b = Fixture.store()
        a.add(b)
        #expect(a.requests == 10)
        #expect(a.failed == 4)
        #expect(a.errors(.timeout) == 2)
        #expect(a.iterationsCompleted == 4)
        #expect(a.iterationsFailed == 2)
        #expect(a.requestsInterrupted == 2)
        #expect(a.steps[1].messages == ["timeout: no response in 2s": 2, "HTTP 500": 2])
        #expect(a.groups[0].count == 2)
        #expect(a.groups[1].count == 0)
        #expect(a.steps[3].requests == 0)

        var empty = MetricsStore(catalog: Fixture.catalog)
        empty.add(Fixture.store())
        #expect(empty == Fixture.store(), "adding into an empty store gives the same store")
    }

    @Test func redactMessagesRewritesAndMergesMessages() {
        var s = MetricsStore(catalog: Fixture.catalog)
        s.steps[1].record(RequestSample(totalMicros: 1, error: .check, message: "login failed for pw=hunter22"))
        s.steps[1].record(RequestSample(totalMicros: 1, error: .check, message: "login failed for pw=hunter33"))
        s.steps[1].record(RequestSample(totalMicros: 1, error: .http5xx, message: "HTTP 500"))
        s.redactMessages {
            $0.replacingOccurrences(of: "hunter22", with: "***").replacingOccurrences(of: "hunter33", with: "***")
        }
        #expect(s.steps[1].messages == ["login failed for pw=***": 2, "HTTP 500": 1])
        #expect(s.steps[1].failed == 3, "only messages change")
        #expect(s.steps[0].messages.isEmpty)
    }
}

@Suite("RunSummary")
struct RunSummaryTests {
    @Test func totalsAndRates() {
        let s = RunSummary(info: Fixture.info(durationSeconds: 4), catalog: Fixture.catalog, store: Fixture.store())
        #expect(s.schema == "rehearsal.summary")
        #expect(s.version == 1)
        #expect(s.run == Fixture.info(durationSeconds: 4))
        #expect(s.totals.requests == 5)
        #expect(s.totals.rate == 1.25)
        #expect(s.totals.failed == 2)
        #expect(s.totals.timeouts == 1)
        #expect(s.totals.errors == ["timeout": 1, "http5xx": 1], "only non-zero classes")
        #expect(s.totals.iterationsCompleted == 2)
        #expect(s.totals.iterationsFailed == 1)
        #expect(s.totals.requestsInterrupted == 1)
        #expect(s.totals.latency.count == 5)
        #expect(abs(s.totals.latency.max - 2_000) <= 2)
    }

    @Test func ratesAreRoundedToHundredths() {
        let s = RunSummary(info: Fixture.info(durationSeconds: 3), catalog: Fixture.catalog, store: Fixture.store())
        #expect(s.totals.rate == 1.67)
        #expect(s.steps.first { $0.role == "admin" && $0.step == "login" }?.rate == 0.67)
    }

    @Test func zeroDurationDoesNotDivideByZero() {
        let s = RunSummary(info: Fixture.info(durationSeconds: 0), catalog: Fixture.catalog, store: Fixture.store())
        #expect(s.totals.rate.isFinite)
        #expect(s.totals.rate == 5_000)
    }

    @Test func stepReportsOnlyForSeriesWithRequests() throws {
        let s = RunSummary(info: Fixture.info(), catalog: Fixture.catalog, store: Fixture.store())
        #expect(s.steps.map { "\($0.step)/\($0.role)" } == ["login/admin", "login/user", "me/admin"])
        let admin = try #require(s.steps.first)
        #expect(admin.flow == "shop")
        #expect(admin.group == nil)
        #expect(admin.method == "POST")
        #expect(admin.requests == 2)
        #expect(admin.rate == 0.5)
        #expect(admin.failed == 0)
        #expect(admin.errors.isEmpty)
        #expect(admin.freshConnections == 1)
        #expect(admin.reusedConnections == 1)
        #expect(admin.bytes == 80)
        #expect(admin.messages.isEmpty)
        #expect(admin.latency.count == 2)
        #expect(Set(admin.phases.keys) == ["queue", "dns", "connect", "tls", "ttfb", "transfer"])
        #expect(admin.phases["connect"]?.count == 1, "connect over fresh connections only")
        #expect(admin.phases["tls"]?.count == 0)
        #expect(admin.phases["ttfb"]?.count == 2)
        #expect(abs((admin.phases["ttfb"]?.max ?? 0) - 15) <= 0.02)

        let user = s.steps[1]
        #expect(user.failed == 2)
        #expect(user.errors == ["timeout": 1, "http5xx": 1])
        #expect(user.overSpinner == 1)
        #expect(user.messages == ["timeout: no response in 2s": 1, "HTTP 500": 1])
        #expect(user.phases["ttfb"]?.count == 1, "the timeout had no response")

        #expect(s.steps[2].group == "home")
        #expect(s.steps[2].method == "GET")
    }

    @Test func groupReportsOnlyForGroupsThatRan() throws {
        let s = RunSummary(info: Fixture.info(), catalog: Fixture.catalog, store: Fixture.store())
        #expect(s.groups.count == 1)
        let g = try #require(s.groups.first)
        #expect(g.flow == "shop" && g.group == "home" && g.role == "admin")
        #expect(g.count == 1)
        #expect(g.failed == 0)
        #expect(g.overSpinner == 0)
        #expect(g.time.count == 1)
        #expect(abs(g.time.p50 - 6) <= 0.01)
    }

    @Test func percentilesAreMilliseconds() {
        var h = LatencyHistogram()
        for v in [1_000, 2_000, 3_000, 4_000] { h.record(micros: v) }
        let p = Percentiles(h)
        #expect(p.count == 4)
        #expect(abs(p.p50 - 2) <= 0.002)
        #expect(abs(p.max - 4) <= 0.004)
        #expect(abs(p.mean - 2.5) <= 0.003)
        #expect(Percentiles(LatencyHistogram()).p99 == 0)
    }

    @Test func savedRunSummaryIsTheSameAsBuildingOne() {
        let saved = SavedRun(info: Fixture.info(), catalog: Fixture.catalog, store: Fixture.store())
        #expect(saved.summary == RunSummary(info: Fixture.info(), catalog: Fixture.catalog, store: Fixture.store()))
        #expect(saved.schema == "rehearsal.histograms")
        #expect(saved.version == 1)
    }
}

@Suite("SavedRun JSON")
struct SavedRunJSONTests {
    /// Encodes and decodes like `ResultsFolder` does (snake_case keys).
    static func roundTrip<T: Codable>(_ value: T) throws -> (T, Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try decoder.decode(T.self, from: data), data)
    }

    @Test func savedRunRoundTripsThroughSnakeCaseJSON() throws {
        var store = Fixture.store()
        // Messages that snake-casing would mangle if it touched dictionary keys.
        store.steps[1].record(RequestSample(totalMicros: 1, error: .check, message: "checkFailed: $.someKey != 1"))
        store.steps[1].record(RequestSample(totalMicros: 1, error: .reset, message: "reset_by_peer Recv failure"))
        let saved = SavedRun(info: Fixture.info(), catalog: Fixture.catalog, store: store)
        let (back, data) = try Self.roundTrip(saved)
        #expect(back == saved)
        #expect(back.summary == saved.summary)
        #expect(back.store.steps[1].messages == store.steps[1].messages)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""requests_interrupted":1"#))
        #expect(text.contains(#""started_at":"2026-01-02T03:04:05Z""#))
        #expect(text.contains(#""schema":"rehearsal.histograms""#))
    }

    @Test func summaryRoundTripsThroughSnakeCaseJSON() throws {
        let summary = RunSummary(info: Fixture.info(), catalog: Fixture.catalog, store: Fixture.store())
        let (back, data) = try Self.roundTrip(summary)
        #expect(back == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "rehearsal.summary")
        #expect(object["version"] as? Int == 1)
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["stop_reason"] as? String == "completed")
        #expect(run["base_url"] as? String == "http://127.0.0.1:8080")
        #expect(run["planned_duration_seconds"] == nil, "nil optionals are left out")
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["iterations_completed"] as? Int == 2)
    }

    /// Every optional field of the run info set: a hand-written coding that forgets one (as merges of features
    /// each adding a field can) fails here, not in a report rebuilt later.
    @Test func everyFieldOfTheRunInfoRoundTrips() throws {
        var info = Fixture.info()
        info.scenarios = [
            ScenarioInfo(
                name: "browse", executor: "ramping-vus", load: "ramp", openModel: false, maxVUs: 8,
                marks: [LoadMark(atSeconds: 5, label: "ramp ends")])
        ]
        info.segment = SegmentInfo(index: 2, count: 4)
        info.start = StartInfo(scheduled: "2026-01-02T03:04:05Z", lateSeconds: 0.2, toleranceSeconds: 1)
        info.fingerprint = "abc123"
        info.seed = 42
        info.thresholds = ["p95 < 1s"]
        info.abortReason = "error_rate > 50% for 2s"
        info.concurrencyReached = 7
        info.stopAtSeconds = 12.5
        info.machine = "host · Linux · 2 cores"
        info.profileSummary = ["profile demo"]
        let (back, _) = try Self.roundTrip(info)
        #expect(back == info)
    }

    @Test func emptyRunRoundTrips() throws {
        let saved = SavedRun(
            info: Fixture.info(durationSeconds: 0, stopReason: "aborted"), catalog: SeriesCatalog(),
            store: MetricsStore(catalog: SeriesCatalog()))
        let (back, _) = try Self.roundTrip(saved)
        #expect(back == saved)
        #expect(back.summary.totals.requests == 0)
        #expect(back.summary.steps.isEmpty)
    }
}
