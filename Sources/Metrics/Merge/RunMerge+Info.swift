extension RunMerge {
    /// The merged run's description: the first part's plan, the parts' figures added up, the span of their times.
    static func mergedInfo(_ parts: [Part], store: MetricsStore, timeline: MergedTimeline) -> RunInfo {
        let infos = parts.map(\.run.info)
        var info = infos[0]
        if let start = timeline.start, let end = timeline.end {
            info.startedAt = ISOTime.text(start)
            info.endedAt = ISOTime.text(end)
            info.durationSeconds = end - start
        } else {
            info.startedAt = infos.map(\.startedAt).min()!
            info.endedAt = infos.map(\.endedAt).max()!
            info.durationSeconds = infos.map(\.durationSeconds).max()!
        }
        info.timeline = timeline.points
        info.vus = infos.reduce(0) { $0 + $1.vus }
        info.workers = infos.reduce(0) { $0 + $1.workers }
        info.plannedIterations = infos.reduce(Int?.some(0)) { t, i in
            t.flatMap { t in i.plannedIterations.map { t + $0 } }
        }
        info.libcurlVersion = unique(infos.map(\.libcurlVersion)).joined(separator: "; ")
        info.seed = Set(infos.map(\.seed)).count == 1 ? infos[0].seed : nil
        info.segment = nil
        info.start = nil
        (info.stopReason, info.abortReason) = stop(parts)
        info.stopAtSeconds = stopMoment(parts, mergedStart: timeline.start)
        info.machine =
            infos.allSatisfy { $0.machine == nil } ? nil : unique(infos.compactMap(\.machine)).joined(separator: "; ")
        info.generator = generator(parts, store: store)
        return info
    }

    /// The earliest moment a part was told to stop, on the merged run's clock (by wall-clock time when both starts
    /// are known, else as the part saw it).
    private static func stopMoment(_ parts: [Part], mergedStart: Double?) -> Double? {
        parts.compactMap { part -> Double? in
            guard let at = part.run.info.stopAtSeconds else { return nil }
            guard let mergedStart, let start = ISOTime.seconds(part.run.info.startedAt) else { return at }
            return ((at + start - mergedStart) * 1000).rounded() / 1000
        }.min()
    }

    /// Aborted if any part was (it stopped early: the merged load is not what was planned), else interrupted if any
    /// was, else completed.
    private static func stop(_ parts: [Part]) -> (String, String?) {
        for reason in ["aborted", "interrupted"] {
            if let part = parts.first(where: { $0.run.info.stopReason == reason }) {
                let why = part.run.info.abortReason.map { "\(label(part)): \($0)" }
                return (reason, why)
            }
        }
        return ("completed", nil)
    }

    /// Per part, why its generator limited it (one bound part makes the verdict inconclusive); the open models'
    /// schedule lag from the merged histograms (exact); the busiest thread and process of any part.
    private static func generator(_ parts: [Part], store: MetricsStore) -> GeneratorHealth? {
        let healths = parts.compactMap { part in part.run.info.generator.map { (part, $0) } }
        guard !healths.isEmpty else { return nil }
        let open = Set((parts[0].run.info.scenarios ?? []).filter(\.openModel).map(\.name))
        var lag = LatencyHistogram()
        for (index, name) in parts[0].run.catalog.scenarios.enumerated()
        where open.contains(name) && index < store.scenarios.count {
            lag.add(store.scenarios[index].scheduleLag)
        }
        return GeneratorHealth(
            busiestWorkerCPU: healths.map(\.1.busiestWorkerCPU).max()!, processCPU: healths.map(\.1.processCPU).max()!,
            scheduleLagP99Ms: lag.count > 0 ? Double(lag.micros(atPercentile: 99)) / 1000 : nil,
            scheduleLagMaxMs: lag.count > 0 ? Double(lag.maxMicros) / 1000 : nil,
            droppedIterations: store.droppedIterations, throttledRequests: store.throttledRequests,
            limitedBy: healths.flatMap { part, health in health.limitedBy.map { "\(label(part)): \($0)" } })
    }

    /// `segment 2/8` or the folder name of a whole run.
    static func label(_ part: Part) -> String {
        part.run.info.segment.map { "segment \($0)" } ?? part.name
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
