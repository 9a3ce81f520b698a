/// The stepped load of `rehearse knee`: levels of virtual users (closed model) or of arrival rates (open model),
/// each held for `levelDuration`, of which the first `warmup` is not measured. Gatling's
/// `incrementConcurrentUsers(…).times(…).eachLevelLasting(…)`, k6's breakpoint test.
public struct SteppedLoad: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Levels are virtual users looping (closed model).
        case vus
        /// Levels are iterations started per second (open model).
        case rate
    }

    public var kind: Kind
    /// VUs, or iterations per second, in increasing order.
    public var levels: [Double]
    public var levelDuration: Duration
    public var warmup: Duration
    /// Open model: the most VUs the arrivals may use.
    public var maxVUs: Int

    /// Documented bounds: levels at most, the longest whole test.
    public static let maxLevels = 32
    public static let maxTotal = Duration.seconds(4 * 3600)
    /// A level's ramp to its value, part of its warm-up.
    static let ramp = Duration.milliseconds(100)

    public init(kind: Kind, levels: [Double], levelDuration: Duration, warmup: Duration, maxVUs: Int) {
        self.kind = kind
        self.levels = levels
        self.levelDuration = levelDuration
        self.warmup = warmup
        self.maxVUs = maxVUs
    }

    /// Checks the plan; every problem is bad input, said before anything is sent.
    public func validated() throws(SteppedLoadError) -> SteppedLoad {
        guard !levels.isEmpty else { throw SteppedLoadError("the level range is empty") }
        guard levels.count <= Self.maxLevels else {
            throw SteppedLoadError("\(levels.count) levels; at most \(Self.maxLevels)")
        }
        guard zip(levels, levels.dropFirst()).allSatisfy({ $0 < $1 }), levels[0] > 0 else {
            throw SteppedLoadError("levels must be above 0 and increasing, got \(levels.map(Self.text))")
        }
        guard warmup >= .seconds(1), warmup.isWholeSeconds, levelDuration.isWholeSeconds,
            levelDuration >= warmup + .seconds(1)
        else {
            throw SteppedLoadError(
                "each level needs a warm-up of whole seconds (at least 1s) and at least 1s measured after it "
                    + "(level \(levelDuration), warm-up \(warmup))")
        }
        guard levelDuration * levels.count <= Self.maxTotal else {
            throw SteppedLoadError(
                "\(levels.count) levels of \(levelDuration) run longer than \(Self.maxTotal); shorten --level or "
                    + "narrow the range")
        }
        return self
    }

    /// The load of the whole test: the levels one after the other, each reached in 100 ms and held.
    public var loadShape: LoadShape {
        var stages: [Stage] = []
        for level in levels {
            stages.append(Stage(duration: Self.ramp, target: level))
            stages.append(Stage(duration: levelDuration - Self.ramp, target: level))
        }
        let executor: Executor =
            switch kind {
            case .vus: .rampingVUs(startVUs: Int(levels[0]), stages: stages)
            case .rate: .rampingArrivalRate(startRate: levels[0], stages: stages, maxVUs: maxVUs)
            }
        return LoadShape(executor: executor, gracefulStop: .seconds(5))
    }

    /// The level whose measured window holds the second `(second − 1, second]` of the run (whole seconds from its
    /// start), or nil for a warm-up second.
    public func level(ofSecond second: Int) -> Int? {
        let length = levelDuration.wholeSeconds
        let index = (second - 1) / length
        guard second >= 1, index < levels.count else { return nil }
        return second - index * length > warmup.wholeSeconds ? index : nil
    }

    /// The last second of level `index`'s measured window.
    public func lastSecond(ofLevel index: Int) -> Int { (index + 1) * levelDuration.wholeSeconds }

    /// `8` VUs or `12.5/s`.
    public static func text(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }

    /// `1..64` → 1, 2, 4, …, 64 (doubling; the upper bound always a level); `5,10,20` as given.
    public static func levels(_ text: String) throws(SteppedLoadError) -> [Double] {
        let cleaned = text.replacingOccurrences(of: "/s", with: "")
        if cleaned.contains("..") {
            let ends = cleaned.components(separatedBy: "..")
            guard ends.count == 2, let low = Double(ends[0]), let high = Double(ends[1]) else {
                throw SteppedLoadError("\"\(text)\" is not a range; expected e.g. 1..64")
            }
            guard low > 0, high >= low else {
                throw SteppedLoadError("the range \"\(text)\" is empty or decreasing; expected e.g. 1..64")
            }
            var levels: [Double] = []
            var level = low
            while level < high {
                levels.append(level)
                level *= 2
            }
            return levels + [high]
        }
        let parts = cleaned.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw SteppedLoadError("\"\(text)\" is not a list of numbers; expected e.g. 5,10,20 or 1..64")
        }
        return parts.compactMap { $0 }
    }
}

/// Bad stepped-load input (exit 2).
public struct SteppedLoadError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Duration {
    var isWholeSeconds: Bool { components.attoseconds == 0 }
    var wholeSeconds: Int { Int(components.seconds) }
}
