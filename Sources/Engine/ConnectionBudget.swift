import Transport

/// Whether a plan's connections fit this process, judged before anything is sent. Every virtual user keeps
/// connections of its own (its curl share, like a browser profile), each an open file, and each connection to one
/// host and port from one source address takes an ephemeral port: past either limit a run does not slow down, it
/// fails most of its requests (50,000 users on a 20,000-file process failed 96 % of theirs).
public struct ConnectionBudget: Sendable, Equatable {
    /// The users this process runs.
    public var vus: Int
    /// Connections one user can hold at once: the widest parallel step, up to the per-origin limit, to each known
    /// origin (a user keeps its connections to every origin it visited).
    public var connectionsPerUser: Int
    /// Users whose connections go through the in-process network emulation: 3 files per connection (libcurl's
    /// socket and the proxy's two) instead of 1.
    public var emulatedVUs: Int
    /// Files the process needs besides connections (epoll sets, the resolver, results, the metrics endpoint).
    public var reservedFiles: Int
    /// `RLIMIT_NOFILE` after the soft limit was raised to the hard one.
    public var fileLimit: (soft: Int, hard: Int)
    /// Users whose connections leave from one shared source address (not spread over loopback addresses), and
    /// the ports each of them takes per upstream.
    public var usersOnSharedAddress: Int
    public var connectionsPerUserPerOrigin: Int
    public var ephemeralPorts: ClosedRange<Int>
    /// The origins those connections go to, for the message.
    public var upstreams: [Upstream]

    public static func == (a: ConnectionBudget, b: ConnectionBudget) -> Bool {
        a.vus == b.vus && a.connectionsPerUser == b.connectionsPerUser && a.emulatedVUs == b.emulatedVUs
            && a.reservedFiles == b.reservedFiles && a.fileLimit == b.fileLimit
            && a.usersOnSharedAddress == b.usersOnSharedAddress
            && a.connectionsPerUserPerOrigin == b.connectionsPerUserPerOrigin && a.ephemeralPorts == b.ephemeralPorts
            && a.upstreams == b.upstreams
    }

    public init(
        plan: RunPlan, fileLimit: (soft: Int, hard: Int) = ProcessLimits.openFiles(),
        ephemeralPorts: ClosedRange<Int> = ProcessLimits.ephemeralPorts()
    ) {
        let limit = plan.profile.target.maxConnectionsPerHost
        let perOrigin = limit > 0 ? min(plan.maxParallelRequests, limit) : plan.maxParallelRequests
        upstreams = plan.upstreams
        connectionsPerUserPerOrigin = perOrigin
        connectionsPerUser = perOrigin * max(1, upstreams.count)
        reservedFiles = 128 + 8 * plan.workers
        self.fileLimit = fileLimit
        self.ephemeralPorts = ephemeralPorts
        let spreads = plan.spreadsSourceAddresses
        var own = 0
        var emulated = 0
        var shared = 0
        for worker in 0..<plan.workers {
            for vu in plan.striping.vus(ofWorker: worker, total: plan.totalVUs) {
                own += 1
                let throughProxy = plan.networkByRole[plan.roleOfVU[vu]] != nil
                if throughProxy { emulated += 1 }
                // A user through the emulation proxy is spread over loopback, but the proxy's own connections to
                // the upstream all leave from one address.
                if !spreads || throughProxy { shared += 1 }
            }
        }
        vus = own
        emulatedVUs = emulated
        usersOnSharedAddress = shared
    }

    /// Files per connection through the network emulation (libcurl's socket and the proxy's two).
    static let filesPerEmulatedConnection = 3

    /// Files the run needs at most: only the users of an emulated role pay the proxy's files.
    public var filesNeeded: Int {
        (vus + (Self.filesPerEmulatedConnection - 1) * emulatedVUs) * connectionsPerUser + reservedFiles
    }

    /// Ports one source address needs towards one upstream at most.
    public var portsNeeded: Int { usersOnSharedAddress * connectionsPerUserPerOrigin }

    /// Why the plan cannot run in this process, with the fixes; nil when it fits.
    public var refusal: String? {
        if filesNeeded > fileLimit.soft {
            let raise =
                fileLimit.soft < fileLimit.hard
                ? "raise the limit (ulimit -n \(fileLimit.hard))"
                : "raise the hard limit (as root: ulimit -n \(filesNeeded), or LimitNOFILE=\(filesNeeded) for a "
                    + "systemd unit, nofile in /etc/security/limits.conf)"
            return """
                error: load: \(vus) virtual users need up to \(filesNeeded) open files (\(connectionsPerUser) \
                connection\(connectionsPerUser == 1 ? "" : "s") each\(emulationNote) \
                and \(reservedFiles) for the engine), but this process may open \(fileLimit.soft) \
                (ulimit -n; hard limit \(fileLimit.hard))
                  fixes: \(raise); or split the run over processes, here or on several machines: \
                rehearse run --segment 1/\(segmentsNeeded) … \(segmentsNeeded)/\(segmentsNeeded), then rehearse merge; or \
                fewer users
                """
        }
        if portsNeeded > ephemeralPorts.count, let upstream = upstreams.first {
            let host = upstream.host.contains(":") ? "[\(upstream.host)]" : upstream.host
            return """
                error: load: \(usersOnSharedAddress) virtual users need up to \(portsNeeded) connections to \
                \(host):\(upstream.port) from this machine's one source address, but the kernel has \
                \(ephemeralPorts.count) ephemeral ports (net.ipv4.ip_local_port_range \(ephemeralPorts.lowerBound) \
                \(ephemeralPorts.upperBound))
                  fixes: widen the range (sysctl -w net.ipv4.ip_local_port_range="1024 65535"); or connect from more \
                source addresses: split the run over machines (rehearse run --segment i/n on each, then rehearse \
                merge); or fewer users
                """
        }
        return nil
    }

    /// ", N of them through the network emulation (3 files per connection)", when any is.
    private var emulationNote: String {
        guard emulatedVUs > 0 else { return "" }
        return ", \(emulatedVUs) of them through the network emulation (\(Self.filesPerEmulatedConnection) files per "
            + "connection)"
    }

    /// Processes that would each fit under the current limit (segments deal every role alike).
    private var segmentsNeeded: Int {
        let perProcess = max(1, max(0, fileLimit.soft - reservedFiles) * vus / max(1, filesNeeded - reservedFiles))
        return max(2, (vus + perProcess - 1) / perProcess)
    }
}

extension RunPlan {
    /// Whether users connect from loopback source addresses of their own (127.1.x.y): only when every known
    /// upstream is an IPv4 loopback literal and every allow-listed host is loopback. Then the ephemeral ports of one address never run out, and a server
    /// on this machine sees one client address per user. A target elsewhere needs addresses the machine really has
    /// (see the README's "Many users").
    public var spreadsSourceAddresses: Bool {
        // Every allow-listed host too: a templated URL or a redirect may go to any of them, and a socket bound to a
        // loopback address cannot connect anywhere else (the kernel refuses it: every such request would fail).
        !upstreams.isEmpty && upstreams.allSatisfy { Self.isIPv4Loopback($0.host) }
            && allowList.hosts.allSatisfy { Self.isIPv4Loopback($0) || $0 == "localhost" || $0 == "::1" }
    }

    static func isIPv4Loopback(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
