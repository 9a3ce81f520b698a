import Engine
import Glibc
import Metrics
import TestSupport
import Testing
import Transport

/// A timeout is classed by the phase that was running when it fired (issue 13 §3): a stalled DNS lookup or TLS
/// handshake is not a slow server.
@Suite("Timeouts by phase")
struct TimeoutPhaseTests {
    /// One request of `flow` against `base` under `network`, with short timeouts; the step's timeout phases.
    private func phases(base: String, flow: String, network: String = "", verifyTLS: Bool = true) throws
        -> (phases: [String: Int]?, messages: [String: Int])
    {
        let h = try EngineHarness()
        let yaml = """
            name: phases
            target: { base_url: "\(base)", verify_tls: \(verifyTLS) }
            flows: [flow.yaml]
            load: { vus: 1, iterations: 1 }
            timeouts: { request: 600ms, connect: 400ms }
            \(network)
            """
        let step = try #require(h.run(try h.profile(yaml, flow: flow), workers: 1).1.steps.first)
        #expect(step.errors == ["timeout": 1], "\(step.messages)")
        return (step.timeoutPhases, step.messages)
    }

    @Test func aServerThatNeverAnswersTimesOutWaitingForTheFirstByte() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (phases, messages) = try phases(base: server.baseURL, flow: "steps:\n  - get: /delay/5000\n")
        #expect(phases == ["first_byte": 1])
        #expect(messages == ["timeout waiting for the first byte (600ms request timeout)": 1])
    }

    @Test func aSlowBodyTimesOutWhileReceivingIt() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (phases, messages) = try phases(base: server.baseURL, flow: "steps:\n  - get: /drip/50/100\n")
        #expect(phases == ["body": 1])
        #expect(messages == ["timeout while receiving the body (600ms request timeout)": 1])
    }

    @Test func aHandshakeThatNeverCompletesTimesOutInTLS() throws {
        let server = try TLSTestServer.start()
        defer { server.stop() }
        // The proxy accepts the connection and passes nothing: the ClientHello never reaches the server.
        let (phases, messages) = try phases(
            base: server.baseURL, flow: "steps:\n  - get: /\n",
            network: "network: { faults: [ { black_hole: true } ] }", verifyTLS: false)
        #expect(phases == ["tls": 1])
        #expect(messages == ["timeout in the TLS handshake (400ms connect timeout)": 1])
    }

    @Test func aListenerThatNeverAcceptsTimesOutWhileConnecting() throws {
        let listener = try StalledListener()
        defer { listener.close() }
        let (phases, messages) = try phases(base: "http://127.0.0.1:\(listener.port)", flow: "steps:\n  - get: /\n")
        #expect(phases == ["connect": 1])
        #expect(messages == ["timeout while connecting (400ms connect timeout)": 1])
    }

    /// The phases from libcurl's timestamps; a stalled DNS lookup cannot be made on loopback without a resolver of
    /// our own, so it is checked here only.
    @Test func thePhaseIsTheFirstOneWithoutATimestamp() {
        var r = TransferResult(status: 0)
        #expect(r.unfinishedPhase == .nameLookup)
        r.timings.nameLookup = 30
        #expect(r.unfinishedPhase == .connect)
        r.newConnections = 1
        #expect(r.unfinishedPhase == .tlsHandshake, "connected, TLS not done: libcurl has no connect time yet")
        r.timings.connect = 200
        r.timings.appConnect = 900
        r.timings.preTransfer = 950
        #expect(r.unfinishedPhase == .firstByte)
        r.timings.startTransfer = 5_000
        #expect(r.unfinishedPhase == .body)
        var reused = TransferResult(status: 0)
        reused.timings.preTransfer = 12
        #expect(reused.unfinishedPhase == .firstByte, "a reused connection sent its request at once")
    }
}

/// A loopback listener whose accept queue is full and never drained: the kernel drops further SYNs, so a connect
/// to it stalls until the client's connect timeout.
private struct StalledListener {
    let fd: Int32
    let port: Int
    private let fillers: [Int32]

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure("cannot listen: errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Non-blocking connects fill the accept queue (and the SYN queue behind it).
        fillers = (0..<4).map { _ in
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            return client
        }
        usleep(200_000)
    }

    func close() {
        for client in fillers { _ = Glibc.close(client) }
        _ = Glibc.close(fd)
    }
}

private struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
