import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of the benchmark's table.
struct Report {
    let connections: Int
    let direct: [Int64]
    let proxied: [Int64]
    /// One-way times client→echo server through the proxy (the ping carries its send time).
    let upPath: [Int64]
    let rtt: Duration
    /// CPU nanoseconds of the proxy's event-loop thread during the proxied phase.
    let proxyCPU: Int64

    static let header =
        "conns  exchanges  direct p50  direct p99  error p50  error p99  |error| p99  up-half err p50/p99  proxy CPU/exchange"

    var line: String {
        let baseline = percentile(direct, 0.5)
        let configured = Double(rtt.components.seconds) * 1000 + Double(rtt.components.attoseconds) / 1e15
        let errors = proxied.map { Double($0 - baseline) / 1e6 - configured }
        let upErrors = upPath.map { Double($0) / 1e6 - configured / 2 }
        let cpuPerExchange = proxied.isEmpty ? 0 : Double(proxyCPU) / 1e3 / Double(proxied.count)
        return [
            pad("\(connections)", 5), pad("\(proxied.count)", 10),
            pad(ms(Double(baseline) / 1e6), 11), pad(ms(Double(percentile(direct, 0.99)) / 1e6), 11),
            pad(ms(percentile(errors, 0.5)), 10), pad(ms(percentile(errors, 0.99)), 10),
            pad(ms(percentile(errors.map(abs), 0.99)), 12),
            pad(ms(percentile(upErrors, 0.5)) + "/" + ms(percentile(upErrors, 0.99)), 20),
            pad(String(format: "%.1f µs", cpuPerExchange), 19),
        ].joined(separator: " ")
    }

    private func ms(_ value: Double) -> String {
        String(format: "%+.2f ms", value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// The `fraction` percentile (nearest rank) of `values`; 0 when empty.
func percentile<T: Comparable & AdditiveArithmetic>(_ values: [T], _ fraction: Double) -> T {
    guard !values.isEmpty else { return .zero }
    let sorted = values.sorted()
    let rank = min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[rank]
}

/// CPU time consumed so far by the (single) thread of `group`, read on that thread.
func threadCPUTime(of group: MultiThreadedEventLoopGroup) throws -> Int64 {
    try group.next().submit {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }.wait()
}

/// Raises the open-file limit to the hard limit: 1,000 connections need ~4,000 descriptors
/// (client, both proxy legs, server).
func raiseFileLimit() {
    var limit = rlimit()
    #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        let resource = RLIMIT_NOFILE
    #endif
    guard getrlimit(resource, &limit) == 0 else { return }
    limit.rlim_cur = limit.rlim_max
    if setrlimit(resource, &limit) != 0 { print("warning: could not raise the file limit (\(limit.rlim_cur))") }
}
