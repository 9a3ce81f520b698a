import Foundation
import Glibc

/// The operating system's limits on how many connections one process can hold: open files and ephemeral ports.
public enum ProcessLimits {
    /// Open files (`RLIMIT_NOFILE`) after `Curl.initialize` raised the soft limit to the hard one.
    public static func openFiles() -> (soft: Int, hard: Int) {
        Curl.initialize()
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (1024, 1024) }
        return (clamp(limit.rlim_cur), clamp(limit.rlim_max))
    }

    /// The kernel's ephemeral port range (`net.ipv4.ip_local_port_range`), Linux's default when unreadable.
    public static func ephemeralPorts() -> ClosedRange<Int> {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard numbers.count == 2, numbers[0] <= numbers[1] else { return 32768...60999 }
        return numbers[0]...numbers[1]
    }

    private static func clamp(_ value: rlim_t) -> Int { value > rlim_t(Int.max) ? Int.max : Int(value) }
}
