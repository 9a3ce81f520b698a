import Foundation

/// The process's CPU time (user + system, all threads) since this value was made.
struct ProcessCPU {
    private let start = ProcessCPU.now()

    /// CPU seconds used since `init`.
    func since() -> Double { ProcessCPU.now() - start }

    private static func now() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
