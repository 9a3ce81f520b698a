import Foundation
import NIOCore
import NIOPosix
import Netem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// NetemBench: how exactly does the proxy add its configured RTT, and what does it cost?
//
// For 1, 100 and 1,000 concurrent connections, each connection ping-pongs 64 bytes, first directly against an
// echo server (pausing 100 ms between exchanges, so the load matches the proxied phase), then through a
// `LatencyProxy` with RTT 100 ms. Error per exchange = (time through the proxy) − (median direct time, same run)
// − 100 ms. Proxy CPU is the CPU time of the proxy's own event-loop thread (CLOCK_THREAD_CPUTIME_ID read on
// that thread), so the clients and the echo server, which run on other threads, are not counted.

let environment = ProcessInfo.processInfo.environment
let rtt = Duration.milliseconds(Int(environment["NETEM_BENCH_RTT_MS"] ?? "") ?? 100)
let concurrencies = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let levels = concurrencies.isEmpty ? [1, 100, 1000] : concurrencies

// Every connection pings every 150 ms (a bit more than the RTT) in both phases: 6,700 exchanges/s at 1,000.
let period = TimeAmount.milliseconds(150)

raiseFileLimit()
let serverGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let proxyGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let echo = try EchoServer.start(group: serverGroup)
let upstreamPort = echo.localAddress?.port ?? 0
let proxy = try LatencyProxy.start(
    upstreamHost: "127.0.0.1", upstreamPort: upstreamPort, conditions: LinkConditions(rtt: rtt), group: proxyGroup)

print("NetemBench: RTT \(rtt), 64-byte ping-pong; error = through proxy − median direct − RTT")
print(Report.header)
for connections in levels {
    let warmUp = TimeAmount.milliseconds(Int64(300 + connections / 2))
    let direct = try runPhase(
        port: upstreamPort, connections: connections, group: clientGroup, warmUp: warmUp, duration: .seconds(2),
        period: period)
    let cpuBefore = try threadCPUTime(of: proxyGroup)
    _ = EchoServer.upPath.takeAll()  // keep only the proxied phase's up-path times
    let proxied = try runPhase(
        port: proxy.port, connections: connections, group: clientGroup, warmUp: warmUp, duration: .seconds(5),
        period: period)
    let cpu = try threadCPUTime(of: proxyGroup) - cpuBefore
    let up = EchoServer.upPath.takeAll()
    print(Report(connections: connections, direct: direct, proxied: proxied, upPath: up, rtt: rtt, proxyCPU: cpu).line)
}
proxy.shutdown()
try? echo.close().wait()
try? clientGroup.syncShutdownGracefully()
try? proxyGroup.syncShutdownGracefully()
try? serverGroup.syncShutdownGracefully()
