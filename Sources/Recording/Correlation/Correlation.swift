/// A recorded value the import replaced by a capture: where it came from and how often later requests use it.
public struct Correlation: Sendable, Equatable {
    /// The capture's name (`{{task_id}}`).
    public var capture: String
    /// The step whose response it is read from, as reports name it (`POST /api/login`).
    public var sourceStep: String
    /// How it is read: `$.token`, `header ETag`, `regex '…'`.
    public var from: String
    /// The recorded value, or `*** (N characters)` when it looks secret.
    public var shown: String
    /// How many places in later requests use it.
    public var uses: Int
}
