/// What a request path asks the demo server for.
enum DemoRoute: Equatable {
    /// `/`: the HTML dashboard that calls the API from the browser.
    case page
    case login
    case me
    case projects
    case notifications
    /// `/api/dashboard/tasks`: the heavy query.
    case dashboardTasks
    /// `/api/tasks/{id}`; `id` is the raw path segment (validated by `DemoTasks`).
    case task(id: String)

    static let taskPrefix = "/api/tasks/"

    /// The route of `path` (without query string), or nil for an unknown path.
    init?(path: String) {
        switch path {
        case "/": self = .page
        case "/api/login": self = .login
        case "/api/me": self = .me
        case "/api/projects": self = .projects
        case "/api/notifications": self = .notifications
        case "/api/dashboard/tasks": self = .dashboardTasks
        default:
            let id = path.dropFirst(Self.taskPrefix.count)
            guard path.hasPrefix(Self.taskPrefix), !id.isEmpty, !id.contains("/") else { return nil }
            self = .task(id: String(id))
        }
    }

    /// Whether the route answers only with `Authorization: Bearer <token>`.
    var needsToken: Bool {
        switch self {
        case .page, .login: false
        case .me, .projects, .notifications, .dashboardTasks, .task: true
        }
    }

    /// How `DemoStats` counts the path: task IDs collapse into one key, so the table stays small.
    static func statsPath(_ path: String) -> String {
        if case .task = DemoRoute(path: path) { return taskPrefix + "{id}" }
        return path
    }
}
