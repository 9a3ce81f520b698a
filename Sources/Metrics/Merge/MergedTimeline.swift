import Foundation

/// The timeline of a merged run: the parts' points added up second by second. Points are matched by wall-clock
/// second when every part has wall-clock times (parts started apart still line up in time), else by seconds since
/// each part's start (older runs), which assumes the parts started together.
struct MergedTimeline {
    var points: [TimelinePoint]
    /// `wall-clock` or `elapsed`.
    var alignment: String
    var warning: String?
    /// The earliest start and the latest end, Unix seconds (nil when a time cannot be read).
    var start: Double?
    var end: Double?

    static func make(_ infos: [RunInfo]) -> MergedTimeline {
        let starts = infos.compactMap { ISOTime.seconds($0.startedAt) }
        let ends = infos.compactMap { ISOTime.seconds($0.endedAt) }
        let start = starts.count == infos.count ? starts.min() : nil
        let end = ends.count == infos.count ? ends.max() : nil
        let wallClock = start != nil && infos.allSatisfy { $0.timeline.allSatisfy { $0.at != nil } }
        var buckets: [Int: TimelinePoint] = [:]
        for info in infos {
            for point in info.timeline {
                let key = Int((wallClock ? point.at! : point.elapsed).rounded())
                buckets[key] = buckets[key].map { add($0, point) } ?? point
            }
        }
        let points = buckets.keys.sorted().map { key -> TimelinePoint in
            var p = buckets[key]!
            if wallClock, let start {
                p.at = Double(key)
                p.elapsed = ((Double(key) - start) * 1000).rounded() / 1000
            } else {
                p.elapsed = Double(key)
                p.at = nil
            }
            return p
        }
        return MergedTimeline(
            points: points, alignment: wallClock ? "wall-clock" : "elapsed",
            warning: wallClock
                ? nil
                : "a part was saved without wall-clock times in its timeline: timelines are lined up by seconds "
                    + "since each part's start, as if all started together",
            start: start, end: end)
    }

    /// Counts add up; the interval p95 cannot be merged from p95s, so the highest stands for it.
    private static func add(_ a: TimelinePoint, _ b: TimelinePoint) -> TimelinePoint {
        TimelinePoint(
            elapsed: a.elapsed, activeVus: a.activeVus + b.activeVus, requests: a.requests + b.requests,
            failed: a.failed + b.failed, timeouts: a.timeouts + b.timeouts, p95: max(a.p95, b.p95), at: a.at,
            roles: addRoles(a.roles, b.roles))
    }

    /// Per role by name, in the order first seen; a part saved without per-role points leaves the merge without.
    private static func addRoles(_ a: [RoleTimelinePoint]?, _ b: [RoleTimelinePoint]?) -> [RoleTimelinePoint]? {
        guard var merged = a, let b else { return nil }
        for point in b {
            if let i = merged.firstIndex(where: { $0.role == point.role }) {
                merged[i] = merged[i].adding(point)
            } else {
                merged.append(point)
            }
        }
        return merged
    }
}

/// The ISO 8601 times a run info holds (`2026-11-26T10:15:00.123Z`).
enum ISOTime {
    static func seconds(_ text: String) -> Double? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let date = (try? withFraction.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
        return date?.timeIntervalSince1970
    }

    static func text(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).ISO8601Format(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
