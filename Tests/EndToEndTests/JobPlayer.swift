import Foundation
import TestSupport
import Yams

/// Plays a Job written by `rehearse k8s` without a cluster: the ConfigMap's items become files at their paths (as
/// the projected volume mounts them), each index's pod is its container command with the Job's environment plus
/// `JOB_COMPLETION_INDEX` and the Secret's keys, run at once (parallelism = completions); the merge step is the
/// generated `merge.sh` with a `kubectl` that answers from the pods' logs.
struct JobPlayer {
    let folder: URL
    let work: URL
    let completions: Int
    let parallelism: Int
    let command: [String]
    let environment: [String: String]
    /// Mount path → local folder ("files": the ConfigMap's items; results: one per pod, made when it runs).
    let filesMount: String
    let resultsMount: String

    init(folder: URL, work: URL) throws {
        self.folder = folder
        self.work = work
        let job = try Self.yaml(folder.appendingPathComponent("job.yaml"))
        let configMap = try Self.yaml(folder.appendingPathComponent("configmap.yaml"))
        let spec = try Self.map(job["spec"])
        completions = spec["completions"] as? Int ?? 0
        parallelism = spec["parallelism"] as? Int ?? 0
        let pod = try Self.map(try Self.map(spec["template"])["spec"])
        let container = try Self.map((pod["containers"] as? [Any])?.first)
        command = container["command"] as? [String] ?? []
        var env: [String: String] = [:]
        for item in container["env"] as? [[String: String]] ?? [] { env[item["name"] ?? ""] = item["value"] }
        environment = env
        let mounts = (container["volumeMounts"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["name"] as? String ?? ""] = $1["mountPath"] as? String
        }
        filesMount = mounts["files"] ?? "?"
        resultsMount = mounts["results"] ?? "?"
        // The projected volume: the ConfigMap's keys at their item paths.
        let data = configMap["data"] as? [String: String] ?? [:]
        let volumes = pod["volumes"] as? [[String: Any]] ?? []
        let projected = try Self.map(volumes.first { $0["name"] as? String == "files" }?["projected"])
        for source in projected["sources"] as? [[String: Any]] ?? [] {
            guard let items = (source["configMap"] as? [String: Any])?["items"] as? [[String: String]] else { continue }
            for item in items {
                let file = work.appendingPathComponent("files").appendingPathComponent(item["path"] ?? "?")
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try (data[item["key"] ?? ""] ?? "").write(to: file, atomically: true, encoding: .utf8)
            }
        }
    }

    /// Every index's pod, all at once; their outputs (stdout is the pod's log).
    func runPods(secret: [String: String]) throws -> [ChildProcess.Output] {
        let children = try (0..<completions).map { index in
            let results = work.appendingPathComponent("results-\(index)")
            try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
            let args = command.dropFirst().map { arg in
                arg.replacingOccurrences(of: filesMount, with: work.appendingPathComponent("files").path)
                    .replacingOccurrences(of: resultsMount, with: results.path)
            }
            var env = environment.merging(secret) { a, _ in a }
            env["JOB_COMPLETION_INDEX"] = String(index)
            return try RehearseBinary.start(args, environment: env, directory: work.path)
        }
        return try children.map { try $0.wait(timeout: .seconds(90)) }
    }

    /// `sh merge.sh OUT` with `kubectl` answering the Job's state and the pods' logs, and `rehearse` on PATH.
    func runMergeStep(podLogs: String, out: URL) throws -> ChildProcess.Output {
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = work.appendingPathComponent("pods.log")
        try podLogs.write(to: log, atomically: true, encoding: .utf8)
        let kubectl = bin.appendingPathComponent("kubectl")
        try """
        #!/bin/sh
        echo "$*" >> '\(callsFile.path)'
        case "$1" in
          get) echo "SuccessCriteriaMet Complete" ;;
          logs) cat '\(log.path)' ;;
          *) exit 1 ;;
        esac
        """.write(to: kubectl, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kubectl.path)
        let path = [
            bin.path, URL(fileURLWithPath: RehearseBinary.path).deletingLastPathComponent().path,
            ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ].joined(separator: ":")
        return try Shell.run(
            "/bin/sh", [folder.appendingPathComponent("merge.sh").path, out.path],
            environment: ["PATH": path, "NO_COLOR": "1"], directory: work)
    }

    private var callsFile: URL { work.appendingPathComponent("kubectl-calls") }

    /// The arguments of each `kubectl` call the merge step made.
    func kubectlCalls() -> [String] {
        ((try? String(contentsOf: callsFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private static func yaml(_ url: URL) throws -> [String: Any] {
        try map(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)))
    }

    private static func map(_ value: Any?) throws -> [String: Any] {
        guard let map = value as? [String: Any] else { throw Failure("expected a mapping in the manifest") }
        return map
    }
}

/// Runs a program to its end (bounded), through TestSupport's child runner.
enum Shell {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
        timeout: Double = 90
    ) throws -> ChildProcess.Output {
        try ChildProcess.run(
            executable, arguments, environment: environment, directory: directory?.path, timeout: .seconds(timeout))
    }
}
