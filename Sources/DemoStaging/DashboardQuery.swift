import Foundation
import NIOCore
import NIOHTTP1

/// The heavy `GET /api/dashboard/tasks` query and its cost model.
///
/// Admin bypasses row-level security and hits an index: `indexedQueryCost`, no pool. A `user`
/// query must hold a pool slot and, under `.slow`, costs `rlsBaseCost + rows × rlsCostPerRow`.
/// Cost is simulated with event-loop timers, never by blocking a thread, so the server itself
/// never becomes the bottleneck: only the simulated database does.
struct DashboardQuery: Sendable {
    let options: DemoOptions
    let pool: DatabasePool
    let stats: StatsRecorder

    /// Default and maximum number of tasks returned (`?limit=`).
    static let defaultLimit = 5
    static let maxLimit = 50

    /// Runs the query for `account`; the future completes when the simulated database is done,
    /// whether or not the client is still connected.
    func run(for account: DemoAccount, limit: Int, on eventLoop: EventLoop) -> EventLoopFuture<DemoResponse> {
        let started = NIODeadline.now()
        let count = min(max(limit, 0), Self.maxLimit)
        stats.recordQueryStarted()
        let work: EventLoopFuture<Int>
        if account.role == .admin {
            work = Self.wait(TimeAmount(options.indexedQueryCost), on: eventLoop).map { count }
        } else {
            work = runRLS(resultCount: count, on: eventLoop)
        }
        return work.map { [stats] rowsScanned in
            stats.recordQueryCompleted()
            let elapsed = Double((NIODeadline.now() - started).nanoseconds) / 1_000_000
            let tasks = DemoTasks.assigned(to: account, count: count)
            let body = DemoPayloads.Tasks(ok: true, tasks: tasks, rowsScanned: rowsScanned)
            // Server-Timing lets a browser or Rehearsal attribute the wait to the database.
            let timing = "db;dur=" + String(format: "%.1f", elapsed)
            return DemoResponse(.ok, json: body, headers: ["Server-Timing": timing])
        }
    }

    /// The RLS query: wait for a pool slot (FIFO), run, free the slot. Returns rows scanned.
    private func runRLS(resultCount: Int, on eventLoop: EventLoop) -> EventLoopFuture<Int> {
        let cost = TimeAmount(options.sampleUserQueryCost())
        let scanned = options.policy == .slow ? options.rows : resultCount
        return pool.acquire(on: eventLoop)
            .flatMap { Self.wait(cost, on: eventLoop) }
            .always { [pool] _ in pool.release() }
            .map { scanned }
    }

    /// A future that succeeds after `delay` on `eventLoop` (at once when the delay is not positive).
    static func wait(_ delay: TimeAmount, on eventLoop: EventLoop) -> EventLoopFuture<Void> {
        guard delay.nanoseconds > 0 else { return eventLoop.makeSucceededVoidFuture() }
        return eventLoop.scheduleTask(in: delay) {}.futureResult
    }
}
