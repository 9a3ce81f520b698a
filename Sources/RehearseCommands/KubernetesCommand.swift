import ArgumentParser
import Foundation
import Manifests
import Scenario

/// `rehearse k8s`: manifests that run a profile as N segments on Kubernetes (an Indexed Job), and the merge step.
struct KubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Write Kubernetes manifests (ConfigMap, Indexed Job) that run a profile on N pods, and merge.sh.",
        discussion: """
            Writes configmap.yaml (the profile, its flows and CSV files), job.yaml (an Indexed Job: pod i runs \
            segment i+1 of N; all start the load at one instant; never retried) and merge.sh (waits for the Job, \
            collects each pod's results from its log, merges them: exit code as rehearse run). Environment \
            variables the profile reads come from --secret (a Secret referenced by name, never copied). The image \
            is built from the repository's Dockerfile.

            Examples:
              rehearse k8s gate.yaml --instances 8 --image registry/rehearse:0.2 -o k8s/ --secret gate-env
              kubectl apply -f k8s/ && sh k8s/merge.sh Results/gate-merged
            """)

    @Argument(help: "The profile to run.")
    var profile: String

    @Option(help: "Pods, one segment each.")
    var instances: Int

    @Option(help: "The image to run (built from the Dockerfile), e.g. registry/rehearse:0.2.")
    var image: String

    @Option(name: .shortAndLong, help: "The folder to write the manifests to.")
    var output: String

    @Option(help: "CPU per pod (request = limit; a worker thread per whole core), e.g. 2 or 500m.")
    var cpu = "2"

    @Option(help: "Memory per pod (request = limit), e.g. 1Gi.")
    var memory = "1Gi"

    @Option(help: "A Secret whose keys are the environment variables the profile reads.")
    var secret: String?

    @Option(name: .customLong("files-secret"), help: "A Secret holding the CSV files of roles with secret fields.")
    var filesSecret: String?

    @Option(help: "The namespace of the Job (default: kubectl's current one).")
    var namespace: String?

    @Option(
        name: .customLong("start-delay"),
        help: "How long after now the pods start the load (time to schedule and pull).")
    var startDelay = "2m"

    @Option(help: "Seed of the users' random draws, the same in every pod (default: drawn now).")
    var seed: UInt64?

    @Option(name: .customLong("metrics-port"), help: "Port of each pod's /metrics for Prometheus (0: none).")
    var metricsPort = 9464

    func run() throws {
        guard instances >= 1 else { throw bad("--instances must be at least 1, got \(instances)") }
        guard (0...65_535).contains(metricsPort) else { throw bad("--metrics-port must be 0 to 65535") }
        guard Self.isQuantity(cpu), Self.isQuantity(memory) else {
            throw bad(
                "--cpu '\(cpu)' / --memory '\(memory)': expected Kubernetes quantities, e.g. --cpu 2 --memory 1Gi")
        }
        guard let delay = DurationText.parse(startDelay) else {
            throw bad("--start-delay '\(startDelay)': expected a duration with a unit, e.g. 2m")
        }
        let bundle = try collect()
        if !bundle.environmentNames.isEmpty, secret == nil {
            throw bad(
                "the profile reads environment variables \(bundle.environmentNames.joined(separator: ", ")): the pods "
                    + "need them from a Secret\n  hint: kubectl create secret generic \(KubernetesManifests.jobName(bundle.profile.name))-env "
                    + bundle.environmentNames.map { "--from-literal=\($0)=…" }.joined(separator: " ")
                    + ", then pass --secret \(KubernetesManifests.jobName(bundle.profile.name))-env")
        }
        let delaySeconds = Int(delay.components.seconds)
        let options = KubernetesOptions(
            instances: instances, image: image, cpu: cpu, memory: memory, secret: secret, filesSecret: filesSecret,
            namespace: namespace,
            startAt: Date().addingTimeInterval(Double(delaySeconds)).ISO8601Format(.iso8601),
            startDelaySeconds: delaySeconds, seed: seed ?? ScaleOptions.Resolved.drawSeed(),
            metricsPort: metricsPort == 0 ? nil : metricsPort)
        let files: [KubernetesManifests.File]
        do {
            files = try KubernetesManifests.make(bundle, options: options)
        } catch let error as BundleError {
            throw bad(error.description)
        }
        try write(files)
        Console.err(
            "wrote \(files.map(\.name).joined(separator: ", ")) to \(output): \(instances) pods start the load at "
                + "\(options.startAt)\n  next: kubectl apply -f \(output) && sh \(output)/merge.sh")
    }

    private func collect() throws -> ProfileBundle {
        do {
            return try ProfileBundle.collect(path: profile, environment: ProcessInfo.processInfo.environment)
        } catch let error as ScenarioError {
            Console.err(error.description)
            throw ExitStatus.badInput.exitCode
        } catch {
            throw bad("\(error)")
        }
    }

    private func write(_ files: [KubernetesManifests.File]) throws {
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in files {
                let path = URL(fileURLWithPath: output).appendingPathComponent(file.name).path
                try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
            }
        } catch {
            Console.err("error: cannot write to \(output): \(error.localizedDescription)")
            throw ExitStatus.runError.exitCode
        }
    }

    /// `2`, `0.5`, `500m`, `1Gi`, `512Mi`: a number with an optional Kubernetes suffix.
    static func isQuantity(_ text: String) -> Bool {
        text.wholeMatch(of: #/[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?/#) != nil
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}
