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
        let work: EventLoopFuture<(rows: Int, acquired: NIODeadline)>
        if account.role == .admin {
            work = Self.wait(TimeAmount(options.indexedQueryCost), on: eventLoop).map { (count, started) }
        } else {
            work = runRLS(resultCount: count, on: eventLoop)
        }
        return work.map { [stats] rowsScanned, acquired in
            stats.recordQueryCompleted()
            let tasks = DemoTasks.assigned(to: account, count: count)
            let body = DemoPayloads.Tasks(ok: true, tasks: tasks, rowsScanned: rowsScanned)
            // Server-Timing lets a browser or Rehearsal attribute the wait: to the pool queue, or to the database.
            let timing = Self.serverTiming(pool: acquired - started, db: NIODeadline.now() - acquired)
            return DemoResponse(.ok, json: body, headers: ["Server-Timing": timing])
        }
    }

    /// `pool;dur=…;desc="wait for a connection", db;dur=…` in milliseconds.
    static func serverTiming(pool: TimeAmount, db: TimeAmount) -> String {
        func ms(_ t: TimeAmount) -> String { String(format: "%.1f", Double(t.nanoseconds) / 1_000_000) }
        return "pool;dur=\(ms(pool));desc=\"wait for a connection\", db;dur=\(ms(db))"
    }

    /// The RLS query: wait for a pool slot (FIFO), run, free the slot. Returns rows scanned and when the slot came.
    private func runRLS(resultCount: Int, on eventLoop: EventLoop) -> EventLoopFuture<
        (rows: Int, acquired: NIODeadline)
    > {
        let cost = TimeAmount(options.sampleUserQueryCost())
        let scanned = options.policy == .slow ? options.rows : resultCount
        return pool.acquire(on: eventLoop)
            .flatMap { () -> EventLoopFuture<NIODeadline> in
                let acquired = NIODeadline.now()
                return Self.wait(cost, on: eventLoop).map { acquired }
            }
            .always { [pool] _ in pool.release() }
            .map { (scanned, $0) }
    }

    /// A future that succeeds after `delay` on `eventLoop` (at once when the delay is not positive).
    static func wait(_ delay: TimeAmount, on eventLoop: EventLoop) -> EventLoopFuture<Void> {
        guard delay.nanoseconds > 0 else { return eventLoop.makeSucceededVoidFuture() }
        return eventLoop.scheduleTask(in: delay) {}.futureResult
    }
}
