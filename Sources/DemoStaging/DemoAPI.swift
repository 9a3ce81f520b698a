import Foundation
import NIOCore
import NIOHTTP1

/// The demo API: routing, login, authentication and the cheap endpoints, plus the HTML page that
/// drives them from a browser.
///
/// It returns futures of `DemoResponse` and knows nothing about channels, so the HTTP handler
/// stays a thin adapter and the cost model stays testable.
struct DemoAPI: Sendable {
    let options: DemoOptions
    let sessions: SessionStore
    let stats: StatsRecorder
    let dashboard: DashboardQuery

    static let tasksPath = "/api/dashboard/tasks"

    /// Answers `request`; the future completes on `eventLoop`.
    func handle(_ request: DemoRequest, on eventLoop: EventLoop) -> EventLoopFuture<DemoResponse> {
        let route = DemoRoute(path: request.path)
        if route == .login {
            return eventLoop.makeSucceededFuture(login(request))
        }
        let account = sessions.account(authorization: request.headers.first(name: "Authorization"))
        stats.recordRequest(path: DemoRoute.statsPath(request.path), role: account?.role)
        guard let route else {
            return eventLoop.makeSucceededFuture(.error(.notFound, "not found"))
        }
        guard request.method == .GET || (route == .page && request.method == .HEAD) else {
            return eventLoop.makeSucceededFuture(.error(.methodNotAllowed, "method not allowed"))
        }
        guard route.needsToken else {
            return eventLoop.makeSucceededFuture(DemoResponse(.ok, html: DemoDashboardPage.html))
        }
        guard let account else {
            return eventLoop.makeSucceededFuture(.error(.unauthorized, "missing or invalid bearer token"))
        }
        return authenticated(route, request, account: account, on: eventLoop)
    }

    private func authenticated(
        _ route: DemoRoute, _ request: DemoRequest, account: DemoAccount, on eventLoop: EventLoop
    ) -> EventLoopFuture<DemoResponse> {
        let response: DemoResponse
        switch route {
        case .dashboardTasks:
            let limit = request.query["limit"].flatMap(Int.init) ?? DashboardQuery.defaultLimit
            return dashboard.run(for: account, limit: limit, on: eventLoop)
        case .task(let id):
            // A point read by primary key: cheap for every role, and 404 for a task that is not the caller's.
            response =
                DemoTasks.detail(id: id, visibleTo: account).map { DemoResponse(.ok, json: $0) }
                ?? .error(.notFound, "task not found")
        case .me: response = DemoResponse(.ok, json: DemoPayloads.Me(email: account.email, role: account.role.rawValue))
        case .projects: response = DemoResponse(.ok, json: DemoPayloads.projects)
        case .notifications: response = DemoResponse(.ok, json: DemoPayloads.notifications)
        case .page, .login: response = .error(.notFound, "not found")  // answered before authentication
        }
        // Cheap, but not free: a real endpoint does a small indexed read.
        let cost = TimeAmount(options.lightRequestCost)
        return DashboardQuery.wait(cost, on: eventLoop).map {
            var timed = response
            timed.headers.add(name: "Server-Timing", value: DashboardQuery.serverTiming(pool: .zero, db: cost))
            return timed
        }
    }

    /// `POST /api/login` with `{"email","password"}`: a bearer token and a session cookie.
    private func login(_ request: DemoRequest) -> DemoResponse {
        guard request.method == .POST else {
            stats.recordRequest(path: request.path, role: nil)
            return .error(.methodNotAllowed, "method not allowed")
        }
        let credentials = try? JSONDecoder().decode(
            DemoPayloads.LoginRequest.self, from: Data(request.body.readableBytesView))
        guard let credentials else {
            stats.recordRequest(path: request.path, role: nil)
            return .error(.badRequest, "expected JSON {\"email\",\"password\"}")
        }
        let account = DemoAccounts.authenticate(email: credentials.email, password: credentials.password)
        stats.recordRequest(path: request.path, role: account?.role)
        guard let account else {
            return .error(.unauthorized, "bad credentials")
        }
        let token = sessions.issueToken(for: account)
        // The cookie is not needed by the API (it reads the bearer token); it is there so a
        // load test sees what a browser would get.
        let cookie = "demo_session=\(SessionStore.randomHex(bytes: 16)); Path=/; HttpOnly"
        return DemoResponse(
            .ok, json: DemoPayloads.LoginResponse(token: token, role: account.role.rawValue),
            headers: ["Set-Cookie": cookie])
    }
}
