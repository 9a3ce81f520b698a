import Foundation
import TestSupport
import Testing
import Yams

/// `rehearse k8s`: manifests that validate against the Kubernetes API types offline, and a Job played here — its
/// container command run for every index with the environment and files Kubernetes would give it — then merged by
/// the step it defines.
@Suite("rehearse k8s", .serialized)
struct KubernetesEndToEndTests {
    static let token = "s3cret-token-7f2a"

    /// A profile in a folder with its flow in `flows/` and accounts in `data/`, reading TOKEN from the environment.
    static func workspace(base: String, secretCSV: Bool = false) throws -> (Workspace, String) {
        let w = try Workspace()
        for folder in ["flows", "data"] {
            try FileManager.default.createDirectory(
                at: w.folder.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let csv =
            secretCSV
            ? "email,password\nuser1@example.test,hunter2-secret\nuser2@example.test,hunter3-secret\n"
            : "email\n" + (1...8).map { "user\($0)@example.test" }.joined(separator: "\n") + "\n"
        try csv.write(to: w.folder.appendingPathComponent("data/users.csv"), atomically: true, encoding: .utf8)
        try """
        headers: { Authorization: "Bearer {{env.TOKEN}}" }
        steps:
          - { name: ok, get: "/ok?a={{arrival}}&u={{role.email}}&i={{env.JOB_COMPLETION_INDEX}}" }
        """.write(to: w.folder.appendingPathComponent("flows/browse.yaml"), atomically: true, encoding: .utf8)
        let profile = try w.write(
            profile: """
                name: gate
                target: { base_url: \(base) }
                roles:
                  user: { csv: data/users.csv\(secretCSV ? ", secret_fields: [password]" : "") }
                scenarios:
                  browse:
                    flow: flows/browse.yaml
                    load: { executor: constant-arrival-rate, rate: 50/s, duration: 2s, max_vus: 8 }
                thresholds: [p95 < 2s]
                """)
        return (w, profile)
    }

    static func validate(_ files: [URL]) throws -> ChildProcess.Output {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure("\(python) is missing: run `make test` (it installs python3-kubernetes)")
        }
        let script = RehearseBinary.packageRoot.appendingPathComponent("scripts/validate-k8s-manifests.py").path
        let out = try Shell.run(python, [script] + files.map(\.path))
        if out.stderr.contains("No module named 'kubernetes'") {
            throw Failure("python3-kubernetes is missing: run `make test`, or apt-get install python3-kubernetes")
        }
        return out
    }

    @Test func manifestsValidateAgainstTheKubernetesTypes() throws {
        let (w, profile) = try Self.workspace(base: "http://127.0.0.1:9")
        defer { w.remove() }
        let k8s = w.folder.appendingPathComponent("k8s")
        let out = try RehearseBinary.run(
            [
                "k8s", profile, "--instances", "8", "--image", "registry.example/rehearse:0.2", "-o", k8s.path,
                "--secret", "gate-env", "--cpu", "1500m", "--memory", "512Mi", "--namespace", "load",
            ],
            environment: ["TOKEN": Self.token])
        #expect(out.status == 0, "\(out.transcript)")
        let yamls = ["configmap.yaml", "job.yaml"].map { k8s.appendingPathComponent($0) }
        let valid = try Self.validate(yamls)
        #expect(valid.status == 0, "\(valid.transcript)")

        let job = try #require(try Yams.load(yaml: String(contentsOf: yamls[1], encoding: .utf8)) as? [String: Any])
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == 8 && spec["parallelism"] as? Int == 8)
        #expect(spec["backoffLimit"] as? Int == 0)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let resources = try #require(container["resources"] as? [String: [String: String]])
        #expect(
            resources["requests"] == ["cpu": "1500m", "memory": "512Mi"] && resources["limits"] == resources["requests"]
        )
        #expect(
            ((container["envFrom"] as? [[String: Any]])?.first?["secretRef"] as? [String: String])?["name"]
                == "gate-env")
        #expect((pod["affinity"] as? [String: Any])?["podAntiAffinity"] != nil)
        #expect((container["command"] as? [String])?.contains("--segments") == true)

        // A broken manifest is caught: the validator is not a rubber stamp.
        let broken = w.folder.appendingPathComponent("broken.yaml")
        try String(contentsOf: yamls[1], encoding: .utf8)
            .replacingOccurrences(of: "backoffLimit: 0", with: "backoffLimit: 0\n  backofLimit: 1")
            .replacingOccurrences(of: "cpu: 1500m", with: "cpu: 2")
            .write(to: broken, atomically: true, encoding: .utf8)
        let caught = try Self.validate([broken])
        #expect(caught.status == 1, "\(caught.transcript)")
        #expect(
            caught.stdout.contains("unknown field 'backofLimit'") && caught.stdout.contains("cpu: expected a string"))

        // Secrets stay out of the manifests.
        for file in Workspace.files(under: k8s) {
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(Self.token))
        }
    }

    @Test func badInputIsRefused() throws {
        let (w, profile) = try Self.workspace(base: "http://127.0.0.1:9", secretCSV: true)
        defer { w.remove() }
        let k8s = w.folder.appendingPathComponent("k8s").path
        let base = ["k8s", profile, "--instances", "2", "--image", "x", "-o", k8s]
        let noSecret = try RehearseBinary.run(base)
        #expect(
            noSecret.status == 2 && noSecret.stderr.contains("reads environment variables TOKEN"),
            "\(noSecret.transcript)")
        let secretCSV = try RehearseBinary.run(base + ["--secret", "env"])
        #expect(secretCSV.status == 2, "\(secretCSV.transcript)")
        #expect(
            secretCSV.stderr.contains("data/users.csv hold secret fields")
                && secretCSV.stderr.contains("--from-file=data_users.csv=data/users.csv"))
        let ok = try RehearseBinary.run(base + ["--secret", "env", "--files-secret", "gate-files"])
        #expect(ok.status == 0, "\(ok.transcript)")
        let configMap = try String(contentsOfFile: k8s + "/configmap.yaml", encoding: .utf8)
        #expect(
            !configMap.contains("hunter2") && !configMap.contains("data_users.csv:"), "the CSV comes from the Secret")
        #expect(try String(contentsOfFile: k8s + "/job.yaml", encoding: .utf8).contains("name: gate-files"))
        #expect(try Self.validate([URL(fileURLWithPath: k8s + "/job.yaml")]).status == 0)
        let zero = try RehearseBinary.run(["k8s", profile, "--instances", "0", "--image", "x", "-o", k8s])
        #expect(zero.status == 2 && zero.stderr.contains("--instances must be at least 1"))
    }

    @Test func playingTheJobAndItsMergeStepGivesTheWholeRun() throws {
        let server = try TestServer.start(keepTargets: true)
        defer { server.shutdown() }
        let (w, profile) = try Self.workspace(base: server.baseURL)
        defer { w.remove() }
        let k8s = w.folder.appendingPathComponent("k8s")
        let made = try RehearseBinary.run(
            [
                "k8s", profile, "--instances", "3", "--image", "x", "-o", k8s.path, "--secret", "gate-env",
                "--start-delay", "5s", "--metrics-port", "0", "--cpu", "1",
            ])
        #expect(made.status == 0, "\(made.transcript)")
        let played = try JobPlayer(folder: k8s, work: w.folder.appendingPathComponent("cluster"))
        #expect(played.completions == 3 && played.parallelism == 3)
        let logs = try played.runPods(secret: ["TOKEN": Self.token])
        for pod in logs { #expect(pod.status == 0, "\(pod.transcript)") }

        // merge.sh with kubectl answering from the pods' logs, as the cluster would.
        let merged = w.folder.appendingPathComponent("Results/gate-merged")
        let out = try played.runMergeStep(podLogs: logs.map(\.stdout).joined(), out: merged)
        #expect(out.status == 0 || out.status == 97, "\(out.transcript)")
        #expect(
            played.kubectlCalls().contains {
                $0.hasPrefix("logs") && $0.contains("--tail=-1")
                    && $0.contains("--selector app.kubernetes.io/instance=rehearse-gate")
            })
        let summary = try ScaleOut.json(merged.appendingPathComponent("summary.json"))
        #expect((summary.object("totals")?["requests"] as? Int) == server.requestCount())
        #expect(summary.object("run")?.object("merge")?["missing_segments"] as? [Int] == [])
        let queries = ScaleOut.queries(server.targets)
        #expect(Set(queries.compactMap { $0["i"] }) == ["0", "1", "2"], "each index ran")
        let arrivals = queries.compactMap { $0["a"].flatMap(Int.init) }
        #expect(Set(arrivals).count == arrivals.count && arrivals.count >= 99, "\(arrivals.count) of 100 arrivals")
        var processes: [String: Set<String>] = [:]
        for q in queries { processes[q["u"] ?? "", default: []].insert(q["i"] ?? "") }
        #expect(processes.values.allSatisfy { $0.count == 1 })
    }
}
