/// One workload of a run (`scenarios:`): its flows, which roles run them in what proportion, and its own load.
/// A profile without `scenarios:` has one, named `default`, made of its `flows`, `roles` and `load`.
public struct LoadScenario: Sendable, Equatable, Codable {
    public var name: String
    public var flows: [Flow]
    /// Share of this scenario's VUs per profile role (indexed like `Profile.roles`; 0: the role takes no part).
    public var roleWeights: [Int]
    public var load: LoadShape
    public var source: SourceLocation?

    public init(name: String, flows: [Flow], roleWeights: [Int], load: LoadShape, source: SourceLocation? = nil) {
        self.name = name
        self.flows = flows
        self.roleWeights = roleWeights
        self.load = load
        self.source = source
    }

    /// The name of the scenario a profile without `scenarios:` runs.
    public static let defaultName = "default"
}
