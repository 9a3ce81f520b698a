import Foundation

/// The machine a run's load came from, in one line for its results: which host, which system, how many cores.
enum MachineDescription {
    /// `ci-runner-3 · Linux 6.1.0-18-amd64 x86_64 · 2 cores, 2 engine threads`.
    static func current(workers: Int) -> String {
        var u = utsname()
        let system =
            uname(&u) == 0 ? "\(field(&u.sysname)) \(field(&u.release)) \(field(&u.machine))" : "unknown system"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return "\(ProcessInfo.processInfo.hostName) · \(system) · \(cores) cores, \(workers) engine threads"
    }

    /// A fixed-size C character array of `utsname` as a string.
    private static func field<T>(_ value: inout T) -> String {
        withUnsafeBytes(of: &value) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
