/// k6's command-line shortcuts for the load of a profile without `scenarios:`: `--vus` with `--duration` runs
/// constant VUs, with `--iterations` shared iterations; `--vus` alone changes the VUs of an executor that has a
/// fixed number; `--duration` alone changes the length of an executor that has one.
public struct LoadOverride: Sendable, Equatable {
    public var vus: Int?
    /// As typed (`30s`, `2m`), so an error can quote it.
    public var duration: String?
    public var iterations: Int?

    public init(vus: Int? = nil, duration: String? = nil, iterations: Int? = nil) {
        self.vus = vus
        self.duration = duration
        self.iterations = iterations
    }

    /// Whether nothing is overridden.
    public var isEmpty: Bool { vus == nil && duration == nil && iterations == nil }

    /// `profile` with its load replaced by the overridden one; unchanged when nothing is overridden.
    public func apply(to profile: Profile) throws(LoadOverrideError) -> Profile {
        guard !isEmpty else { return profile }
        var p = profile
        p.scenarios[0].load = try load(for: profile)
        return p
    }

    /// The load `profile` runs with these overrides.
    /// - Throws: a `LoadOverrideError` naming the option and what to do instead, when the profile has scenarios of
    ///   its own, a number is below 1, the duration is not one, or the options do not fit its executor.
    public func load(for p: Profile) throws(LoadOverrideError) -> LoadShape {
        guard !p.hasNamedScenarios else {
            let names = p.scenarios.map(\.name).joined(separator: ", ")
            throw LoadOverrideError(
                "--vus, --duration and --iterations replace the load of a profile without scenarios; "
                    + "this one has scenarios \(names): change their load: in the profile")
        }
        if let vus, vus < 1 { throw LoadOverrideError("--vus must be at least 1, got \(vus)") }
        if let vus, vus > InputLimits.maxVUs {
            throw LoadOverrideError(
                "--vus \(InputLimits.format(vus)) is over the limit of \(InputLimits.format(InputLimits.maxVUs)) VUs")
        }
        if let iterations, iterations < 1 {
            throw LoadOverrideError("--iterations must be at least 1, got \(iterations)")
        }
        if let iterations, iterations > InputLimits.maxIterations {
            throw LoadOverrideError(
                "--iterations \(InputLimits.format(iterations)) is over the limit of "
                    + InputLimits.format(InputLimits.maxIterations))
        }
        var load = p.scenarios[0].load
        if let duration {
            load.executor = try timed(load.executor, duration)
        } else if let iterations {
            load.executor = try counted(load.executor, iterations)
        } else if let vus {
            load.executor = try resized(load.executor, vus)
        }
        return load
    }

    /// The VUs of an executor that has a fixed number of them.
    private static func fixedVUs(_ executor: Executor) -> Int? {
        switch executor {
        case .constantVUs(let n, _, _), .sharedIterations(let n, _, _), .perVUIterations(let n, _, _): n
        default: nil
        }
    }

    /// `--duration`, with or without `--vus`.
    private func timed(_ executor: Executor, _ text: String) throws(LoadOverrideError) -> Executor {
        guard let d = DurationText.parse(text), d > .zero else {
            throw LoadOverrideError(
                "--duration: bad duration \"\(text)\"; expected a number with a unit, e.g. 30s or 2m")
        }
        guard d <= InputLimits.maxLoadDuration else {
            throw LoadOverrideError(
                "--duration \(text) is longer than the limit of \(InputLimits.maxLoadDuration.shortText)")
        }
        if case .constantArrivalRate(let rate, _, let maxVUs) = executor, vus == nil {
            return .constantArrivalRate(rate: rate, duration: d, maxVUs: maxVUs)
        }
        guard let count = vus ?? Self.fixedVUs(executor) else {
            throw LoadOverrideError(
                "--duration alone does not apply to \(executor.name): its stages set the length; "
                    + "give --vus too to run constant VUs instead (e.g. --vus 10 --duration \(text))")
        }
        let rampUp: Duration = if case .constantVUs(_, _, let r) = executor { min(r, d) } else { .zero }
        return .constantVUs(vus: count, duration: d, rampUp: rampUp)
    }

    /// `--iterations`, with or without `--vus`.
    private func counted(_ executor: Executor, _ iterations: Int) throws(LoadOverrideError) -> Executor {
        // Never `max_vus` as a number of looping users: that would be far more load than the profile says.
        guard let count = vus ?? Self.fixedVUs(executor) else {
            throw LoadOverrideError(
                "--iterations alone does not apply to \(executor.name); give --vus too "
                    + "(e.g. --vus 2 --iterations \(iterations))")
        }
        return .sharedIterations(
            vus: min(count, iterations), iterations: iterations, maxDuration: LoadShape.defaultMaxDuration)
    }

    /// `--vus` alone.
    private func resized(_ executor: Executor, _ vus: Int) throws(LoadOverrideError) -> Executor {
        switch executor {
        case .constantVUs(_, let d, let r): return .constantVUs(vus: vus, duration: d, rampUp: r)
        case .sharedIterations(_, let n, let m):
            return .sharedIterations(vus: min(vus, n), iterations: n, maxDuration: m)
        case .perVUIterations(_, let n, let m): return .perVUIterations(vus: vus, iterations: n, maxDuration: m)
        default:
            throw LoadOverrideError(
                "--vus does not apply to \(executor.name): its stages or max_vus set the VUs; "
                    + "add --duration to run constant VUs instead, or change load: in the profile")
        }
    }
}

/// Command-line load options that do not fit the profile; the message names the option and what to do instead.
public struct LoadOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
