/// How the demo staging server behaves: data size, database pool and query costs.
///
/// The defaults are tuned for the shipped demo profile (16 VUs, half of them `user`, 4 s
/// request timeout, 2 s spinner): one `user` dashboard query alone takes about 1.13 s, which
/// "works on my machine"; eight users sharing a 2-slot pool queue up behind each other, most
/// of their dashboards exceed the spinner, and once requests start timing out the abandoned
/// queries keep the pool busy and a good share of requests time out. Admin never touches the
/// pool and stays at a few milliseconds.
public struct DemoOptions: Sendable, Equatable {
    /// Which query plan the row-level-security (RLS) dashboard query gets.
    public enum Policy: String, Sendable, Equatable, CaseIterable {
        /// The RLS policy joins through nested tables and scans every row: the cost grows with
        /// `rows`. This is the bug the demo exposes.
        case slow
        /// An index backs the RLS policy, so a `user` query costs what an admin's does
        /// (`indexedQueryCost`); it still goes through the pool. This is the "after" picture.
        case fixed
    }

    /// Number of task rows in the simulated table; the `.slow` RLS query scans all of them.
    public var rows: Int
    /// Slots in the simulated database pool used by RLS (`user`) queries. Extra queries wait
    /// in FIFO order; a query keeps its slot until it finishes, even if its client left.
    public var poolSize: Int
    /// Whether the RLS query is slow (the bug) or indexed (the fix).
    public var policy: Policy
    /// Fixed part of a `.slow` RLS query (planning, joins setup).
    public var rlsBaseCost: Duration
    /// Per-row part of a `.slow` RLS query (the nested policy check on every row).
    public var rlsCostPerRow: Duration
    /// Cost of an indexed dashboard query: always for admin (bypasses RLS), and for `user`
    /// under `.fixed`.
    public var indexedQueryCost: Duration
    /// Cost of the cheap endpoints (`/api/me`, `/api/projects`, `/api/notifications`).
    public var lightRequestCost: Duration
    /// Random spread of each `.slow` RLS query's cost, as a fraction: 0.15 means each query
    /// takes between 85 % and 115 % of `userQueryCost`. Real query times vary, and without
    /// spread a closed-loop load flips between "all slow" and "all time out"; 0 makes tests exact.
    public var costJitter: Double

    /// Creates options; every parameter has the demo's default.
    public init(
        rows: Int = 3000,
        poolSize: Int = 2,
        policy: Policy = .slow,
        rlsBaseCost: Duration = .milliseconds(50),
        rlsCostPerRow: Duration = .microseconds(360),
        indexedQueryCost: Duration = .milliseconds(5),
        lightRequestCost: Duration = .milliseconds(1),
        costJitter: Double = 0.15
    ) {
        self.rows = rows
        self.poolSize = poolSize
        self.policy = policy
        self.rlsBaseCost = rlsBaseCost
        self.rlsCostPerRow = rlsCostPerRow
        self.indexedQueryCost = indexedQueryCost
        self.lightRequestCost = lightRequestCost
        self.costJitter = costJitter
    }

    /// What one `user` dashboard query costs on average once it holds a pool slot
    /// (`rlsBaseCost + rows × rlsCostPerRow` when `.slow`, `indexedQueryCost` when `.fixed`).
    public var userQueryCost: Duration {
        switch policy {
        case .slow: rlsBaseCost + rlsCostPerRow * max(rows, 0)
        case .fixed: indexedQueryCost
        }
    }

    /// One draw of a `user` query's cost: `userQueryCost` spread by `costJitter` (`.slow` only).
    func sampleUserQueryCost() -> Duration {
        let spread = min(max(costJitter, 0), 1)
        guard policy == .slow, spread > 0 else { return userQueryCost }
        return userQueryCost * Double.random(in: (1 - spread)...(1 + spread))
    }
}
