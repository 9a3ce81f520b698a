/// The documented bounds of every input (README "Bad input"), checked while loading and on the command line,
/// before anything is allocated or sent: a number past them is a mistake (or an attack), never a run that
/// exhausts memory, overflows a clock or floods a target.
public enum InputLimits {
    /// Virtual users of one scenario, and of all scenarios together (`vus`, `start_vus`, stage targets,
    /// `max_vus`, `pre_allocated_vus`, `--vus`).
    public static let maxVUs = 100_000
    /// Iterations of a run (`iterations`, `--iterations`).
    public static let maxIterations = 1_000_000_000
    /// Iterations or requests per second (`rate`, `start_rate`, stage targets, `target.max_rate`).
    public static let maxRate = 1_000_000.0
    /// Length of a load (`duration`, `ramp_up`, `max_duration`, all stages, `start_time`, `--duration`): a week.
    public static let maxLoadDuration = Duration.seconds(7 * 24 * 3600)
    /// Timeouts, `graceful_stop`, think times and network delays: an hour.
    public static let maxWait = Duration.seconds(3600)
    /// Stages of one executor.
    public static let maxStages = 1_000
    /// Requests of one parallel group.
    public static let maxGroupRequests = 2_048
    /// Engine threads (`--workers`).
    public static let maxWorkers = 256
    /// Bytes of a profile, flow or CSV file.
    public static let maxFileBytes = 32 << 20
    /// Accounts (rows) of a role's CSV file.
    public static let maxCSVRows = 1_000_000
    /// Nodes of a YAML document once its aliases are expanded (an alias bomb's thousand nodes become billions).
    public static let maxYAMLNodes = 1_000_000
    /// Bytes of scalar text of a YAML document once its aliases are expanded.
    public static let maxYAMLScalarBytes = 64 << 20

    /// `"100,000"`: a limit as the messages show it.
    static func format(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
