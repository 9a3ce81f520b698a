/// A named set of network conditions that `network: NAME` and `--network NAME` select, with where each of its
/// numbers comes from. The built-in table is ``NetworkPresets``; `Profiles/network/NAME.yaml` writes each out.
public struct NetworkPreset: Sendable, Equatable {
    /// The name a profile uses, e.g. `slow-4g`.
    public var name: String
    /// The conditions, with `name` set to the preset's name.
    public var conditions: NetworkConditions
    /// One line: what the preset stands for, e.g. `Chrome DevTools "Slow 4G" (formerly "Fast 3G")`.
    public var description: String
    /// Where the numbers come from, one source per entry (tool, setting and file, or measurement and page).
    public var sources: [String]

    /// A preset; `conditions.name` is set to `name`.
    public init(name: String, conditions: NetworkConditions, description: String, sources: [String]) {
        self.name = name
        var conditions = conditions
        conditions.name = name
        self.conditions = conditions
        self.description = description
        self.sources = sources
    }

    /// A preset without jitter or faults: an added round trip of `rttMilliseconds`, and bandwidth in kbit/s
    /// (`nil` = unlimited).
    static func make(
        _ name: String, rttMilliseconds: Double, downKbit: Int? = nil, upKbit: Int? = nil, _ description: String,
        sources: [String]
    ) -> NetworkPreset {
        let conditions = NetworkConditions(
            rtt: .microseconds(Int64((rttMilliseconds * 1000).rounded())),
            downBitsPerSecond: downKbit.map { $0 * 1000 }, upBitsPerSecond: upKbit.map { $0 * 1000 })
        return NetworkPreset(name: name, conditions: conditions, description: description, sources: sources)
    }
}
