/// The demo's task table. Every account has its own tasks, with IDs no other account shares.
///
/// Both the dashboard list and the task detail show only the caller's tasks ("assigned to me"),
/// for admin as well: admin's query skips the row-level-security joins, not the assignee filter.
/// So a recorded task ID replayed by another account, or another role, is a 404 — a replay
/// passes only when it takes the ID from the list it was just given.
enum DemoTasks {
    /// ID of admin's first task; `userN`'s first is `firstID + N × idStride`.
    static let firstID = 10_000
    /// IDs reserved per account; at least `DashboardQuery.maxLimit`, so every listed task fits.
    static let idStride = 100
    /// Tasks each account has (the list's `limit` is capped to this).
    static let perAccount = DashboardQuery.maxLimit

    private static let titles = [
        "Review the Q3 roadmap", "Fix the export timeout", "Answer the support backlog", "Update onboarding copy",
        "Prepare the sprint demo", "Triage new bug reports", "Renew the TLS certificates",
    ]
    private static let statuses = ["open", "in_progress", "review", "done"]

    /// The first `count` tasks assigned to `account`, in ID order.
    static func assigned(to account: DemoAccount, count: Int) -> [DemoPayloads.Task] {
        (0..<min(max(count, 0), perAccount)).map { task(account: account, index: $0) }
    }

    /// The task `id` (a decimal path segment) if it exists and is assigned to `account`; nil otherwise,
    /// so the caller cannot tell "not yours" from "no such task".
    static func detail(id: String, visibleTo account: DemoAccount) -> DemoPayloads.TaskDetail? {
        guard let number = Int(id), number >= firstID else { return nil }
        let offset = number - firstID
        let (owner, index) = (offset / idStride, offset % idStride)
        guard owner == account.number, index < perAccount else { return nil }
        let task = task(account: account, index: index)
        return DemoPayloads.TaskDetail(
            id: task.id, title: task.title, status: task.status, projectId: task.projectId, assignee: account.email,
            description: "\(task.title), assigned to \(account.email).")
    }

    private static func task(account: DemoAccount, index: Int) -> DemoPayloads.Task {
        DemoPayloads.Task(
            id: firstID + account.number * idStride + index, title: titles[index % titles.count],
            status: statuses[index % statuses.count], projectId: 1 + index % DemoPayloads.projects.projects.count)
    }
}
