import Metrics
import NIOPosix
import Netem
import Scenario
import Transport

/// The emulated network of a run: one latency proxy per (upstream host:port, conditions) pair, on an event loop
/// of its own, and the libcurl routing (`CURLOPT_CONNECT_TO`) that sends each virtual user through the proxies
/// of its role's conditions. TLS stays end to end: SNI and certificate checks still use the real host.
///
/// Each virtual user binds its connections to a loopback source address of its own (127.x.y.z), so the proxy
/// sees one client address per user: its bandwidth is one access link shared by that user's connections.
final class NetworkLayer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    /// Per role: its `CONNECT_TO` entries (empty when the role has no emulated network).
    let routesByRole: [[String]]
    /// Per role: the added round trip, reported as the emulated connect time of fresh connections.
    let rttByRole: [Duration?]
    private let proxies: [LatencyProxy]
    /// The proxies' listening ports: a transfer whose connection went to one of them was emulated.
    let proxyPorts: Set<Int>

    /// Starts the proxies the plan needs; nil when no role has network conditions.
    static func start(plan: RunPlan) throws -> NetworkLayer? {
        let conditions = plan.networkByRole
        guard conditions.contains(where: { $0 != nil }) else { return nil }
        return try NetworkLayer(plan: plan, conditions: conditions)
    }

    private init(plan: RunPlan, conditions: [NetworkConditions?]) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var started: [NetworkConditions: [String]] = [:]
        var proxies: [LatencyProxy] = []
        do {
            for c in Set(conditions.compactMap { $0 }) {
                var routes: [String] = []
                for upstream in plan.upstreams {
                    let proxy = try LatencyProxy.start(
                        upstreamHost: upstream.host, upstreamPort: upstream.port, conditions: c.link, group: group)
                    proxies.append(proxy)
                    let host = upstream.host.contains(":") ? "[\(upstream.host)]" : upstream.host  // IPv6 literal
                    routes.append("\(host):\(upstream.port):127.0.0.1:\(proxy.port)")
                }
                started[c] = routes
            }
        } catch {
            for p in proxies { p.shutdown() }
            try? group.syncShutdownGracefully()
            throw error
        }
        self.proxies = proxies
        proxyPorts = Set(proxies.map(\.port))
        routesByRole = conditions.map { $0.flatMap { started[$0] } ?? [] }
        rttByRole = conditions.map { $0?.rtt }
    }

    /// The loopback source address of virtual user `number` (1-based): 127.1.0.1, 127.1.0.2, …
    static func sourceAddress(vu number: Int) -> String {
        "127.\(1 + number >> 16 & 0x7F).\(number >> 8 & 0xFF).\(number & 0xFF)"
    }

    func shutdown() {
        for p in proxies { p.shutdown() }
        try? group.syncShutdownGracefully()
    }
}

extension NetworkConditions {
    /// The proxy's view of these conditions.
    public var link: LinkConditions {
        LinkConditions(
            rtt: rtt, jitter: jitter, downBitsPerSecond: downBitsPerSecond, upBitsPerSecond: upBitsPerSecond,
            faults: faults.map(\.link))
    }
}

extension NetworkFault {
    var link: LinkFault {
        let direction: LinkFault.Direction =
            switch self.direction {
            case .up: .up
            case .down: .down
            case .both: .both
            }
        let kind: LinkFault.Kind =
            switch self.kind {
            case .refuse: .refuse
            case .blackHole: .blackHole
            case .reset(let after, let bytes): .reset(after: after, bytes: bytes)
            case .truncate(let bytes): .truncate(bytes: bytes)
            case .slowClose(let d): .slowClose(d)
            case .spike(let d): .spike(d)
            }
        return LinkFault(kind: kind, probability: probability, direction: direction)
    }
}

extension RoleNetwork {
    init(role: String, conditions c: NetworkConditions) {
        self.init(
            role: role, preset: c.name, rttMs: c.rtt.inMilliseconds, jitterMs: c.jitter.inMilliseconds,
            downKbit: c.downBitsPerSecond.map { Double($0) / 1000 },
            upKbit: c.upBitsPerSecond.map { Double($0) / 1000 },
            faults: c.faults.map(\.summaryText))
    }
}
