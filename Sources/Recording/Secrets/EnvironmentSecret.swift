/// A recorded secret the flow now reads from the environment (`{{env.NAME}}`); its value is never shown.
public struct EnvironmentSecret: Sendable, Equatable {
    /// The variable name (`export NAME=…`).
    public var name: String
    /// Where it was first found: `header Authorization of GET /api/me`.
    public var firstUse: String
    /// How many places use it.
    public var uses: Int
}
