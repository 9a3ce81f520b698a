import Foundation
import Metrics
import Testing

/// `RunMerge`: segments of one split run made into one run, and the merges it refuses.
@Suite("Merging the segments of a run")
struct RunMergeTests {
    /// Segment `index` of `count` of the Fixture profile: `samples` user-login latencies (µs), one timeline point per
    /// second from `start` (Unix seconds).
    static func part(
        _ index: Int, of count: Int, samples: [Int], start: Double = 1_800_000_000, fingerprint: String = "f1",
        version: String = "0.0.0-test", generator: GeneratorHealth? = nil, wallClock: Bool = true
    ) -> RunMerge.Part {
        var store = MetricsStore(catalog: Fixture.catalog)
        for micros in samples { store.steps[1].record(RequestSample(totalMicros: micros)) }
        store.iterationsCompleted = samples.count
        var info = Fixture.info()
        info.rehearsalVersion = version
        info.startedAt = ISO.text(start)
        info.endedAt = ISO.text(start + 2)
        info.durationSeconds = 2
        info.fingerprint = fingerprint
        info.segment = count == 1 ? nil : SegmentInfo(index: index, count: count)
        info.generator = generator
        info.thresholds = ["p95 < 1s"]
        info.timeline = (1...2).map { s in
            TimelinePoint(
                elapsed: Double(s), activeVus: 1, requests: samples.count / 2, failed: 0, timeouts: 0, p95: Double(s),
                at: wallClock ? start + Double(s) + 0.06 : nil)
        }
        return RunMerge.Part(name: "part-\(index)", run: SavedRun(info: info, catalog: Fixture.catalog, store: store))
    }

    static let calm = GeneratorHealth(
        busiestWorkerCPU: 0.2, processCPU: 0.3, scheduleLagP99Ms: nil, scheduleLagMaxMs: nil, droppedIterations: 0,
        limitedBy: [])

    @Test func mergedPercentilesAreThoseOfOneHistogramOfEverySample() throws {
        var draws = SplitMix64(seed: 12, stream: 1)
        let samples = (0..<3).map { _ in (0..<4_000).map { _ in 200 + Int(draws.next() % 900_000) } }
        let merged = try RunMerge.merge((0..<3).map { Self.part($0 + 1, of: 3, samples: samples[$0]) })
        var one = LatencyHistogram()
        for micros in samples.joined() { one.record(micros: micros) }
        let user = merged.run.store.steps[1].total
        #expect(user.count == 12_000 && user == one, "adding histograms is lossless")
        for p in [50.0, 95, 99, 99.9] { #expect(user.micros(atPercentile: p) == one.micros(atPercentile: p)) }
        #expect(merged.run.store.iterationsCompleted == 12_000)
        #expect(merged.run.info.merge?.missingSegments == [])
        #expect(merged.warnings.isEmpty)
    }

    @Test func timelinesAreAddedByWallClockSecond() throws {
        // Segment 2 started a second after segment 1: its first second is segment 1's second.
        let merged = try RunMerge.merge([
            Self.part(1, of: 2, samples: Array(repeating: 1_000, count: 10)),
            Self.part(2, of: 2, samples: Array(repeating: 1_000, count: 20), start: 1_800_000_001),
        ])
        let timeline = merged.run.info.timeline
        #expect(timeline.map(\.requests) == [5, 15, 10])
        #expect(timeline.map(\.elapsed) == [1, 2, 3])
        #expect(timeline.map(\.activeVus) == [1, 2, 1])
        #expect(timeline.map(\.p95) == [1, 2, 2], "the highest part's p95 stands for the second")
        #expect(merged.run.info.merge?.timelineAlignment == "wall-clock")
        #expect(merged.run.info.durationSeconds == 3, "from the first start to the last end")
        #expect(merged.run.info.vus == 8 && merged.run.info.workers == 4)
    }

    @Test func oldTimelinesAreMergedByElapsedSecondsWithAWarning() throws {
        let merged = try RunMerge.merge([
            Self.part(1, of: 2, samples: [1_000, 1_000], wallClock: false),
            Self.part(2, of: 2, samples: [1_000, 1_000], start: 1_800_000_005),
        ])
        #expect(merged.run.info.merge?.timelineAlignment == "elapsed")
        #expect(merged.run.info.timeline.map(\.requests) == [2, 2])
        #expect(merged.warnings.contains { $0.contains("without wall-clock times") })
    }

    @Test func missingSegmentsAreMergedAndRecorded() throws {
        let merged = try RunMerge.merge([Self.part(1, of: 4, samples: [1]), Self.part(3, of: 4, samples: [1])])
        #expect(merged.run.info.merge?.missingSegments == [2, 4])
        #expect(merged.run.info.merge?.segmentCount == 4)
        #expect(merged.warnings.first?.contains("segments missing: 2/4, 4/4") == true)
    }

    @Test func oneGeneratorBoundSegmentMakesTheMergedRunBound() throws {
        var bound = Self.calm
        bound.limitedBy = ["an engine thread was 97% busy (limit 90%)"]
        bound.busiestWorkerCPU = 0.97
        let merged = try RunMerge.merge([
            Self.part(1, of: 2, samples: [1], generator: Self.calm),
            Self.part(2, of: 2, samples: [1], generator: bound),
        ])
        let health = try #require(merged.run.info.generator)
        #expect(health.isBound && health.limitedBy == ["segment 2/2: an engine thread was 97% busy (limit 90%)"])
        #expect(health.busiestWorkerCPU == 0.97)
        #expect(merged.run.info.merge?.parts.map { $0.generator?.isBound } == [false, true], "kept per process")
    }

    @Test func evidenceIsPooledFromEveryPartWithinItsBound() throws {
        func evidence(_ step: String) -> FailureEvidence {
            FailureEvidence(
                flow: "shop", step: step, role: "user", error: "http5xx", message: "HTTP 500", method: "GET", url: "/",
                requestHeaders: [], requestBody: nil, status: 500, responseHeaders: [], responseBody: nil,
                timingsMs: [:])
        }
        var a = Self.part(1, of: 2, samples: [1])
        var b = Self.part(2, of: 2, samples: [1])
        a.evidence = Array(repeating: evidence("a"), count: 30)
        b.evidence = [evidence("b")]
        let pooled = try RunMerge.merge([a, b]).evidence
        #expect(pooled.count == MetricsStore.maxEvidence)
        #expect(pooled.contains { $0.step == "b" }, "every part is represented")
    }

    @Test func refusesRunsOfTwoProfiles() {
        var other = Self.part(2, of: 2, samples: [1])
        other.run.info.profile = "checkout"
        #expect(throws: MergeRefusal.self) { try RunMerge.merge([Self.part(1, of: 2, samples: [1]), other]) }
        do {
            _ = try RunMerge.merge([Self.part(1, of: 2, samples: [1]), other])
        } catch {
            #expect(error.message.contains("runs of two profiles"))
        }
    }

    @Test func refusesWhatIsNotOneSplitRun() {
        let cases: [(String, [RunMerge.Part])] = [
            (
                "fingerprints",
                [Self.part(1, of: 2, samples: [1]), Self.part(2, of: 2, samples: [1], fingerprint: "f2")]
            ),
            ("Rehearsal", [Self.part(1, of: 2, samples: [1]), Self.part(2, of: 2, samples: [1], version: "9.9.9")]),
            ("overlapping", [Self.part(2, of: 3, samples: [1]), Self.part(2, of: 3, samples: [1])]),
            ("overlap", [Self.part(1, of: 3, samples: [1]), Self.part(2, of: 4, samples: [1])]),
            ("both whole runs", [Self.part(1, of: 1, samples: [1]), Self.part(1, of: 1, samples: [1])]),
        ]
        for (why, parts) in cases {
            do {
                _ = try RunMerge.merge(parts)
                Issue.record("merged despite \(why)")
            } catch {
                #expect(error.message.contains(why), "\(error.message)")
            }
        }
    }
}

enum ISO {
    static func text(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).ISO8601Format(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
