import Scenario
import Yams

/// The Indexed Job of `rehearse k8s`: N pods at once (`completions = parallelism = N`), pod `i` running segment
/// `i+1/N` (`--segments N` reads `JOB_COMPLETION_INDEX`); all wait for one start instant; never retried
/// (`backoffLimit: 0`: a load test run twice is not the test that was planned); spread over nodes (preferred pod
/// anti-affinity: two generators on one node share its CPU and network); sized by `--cpu` with requests equal to
/// limits (guaranteed QoS: a throttled generator measures itself). A pod exits 0 whatever its share's thresholds
/// say (`--defer-verdict`): the verdict is the merged run's, and one failed pod would end the others' load.
struct KubernetesJob {
    let name: String
    let bundle: ProfileBundle
    let keys: ConfigMapKeys
    let options: KubernetesOptions

    var node: Node {
        [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": KubernetesManifests.metadata(name, name, options),
            "spec": [
                "completionMode": "Indexed", "completions": .int(options.instances),
                "parallelism": .int(options.instances), "backoffLimit": 0,
                "activeDeadlineSeconds": .int(deadlineSeconds),
                "template": ["metadata": podMetadata, "spec": podSpec],
            ],
        ]
    }

    /// The planned load, the wait for the start and the graceful stop, with room for image pulls: a run that hangs
    /// is stopped rather than kept forever.
    private var deadlineSeconds: Int {
        let scenarios = bundle.profile.scenarios
        let load = scenarios.map { $0.load.end.components.seconds + $0.load.gracefulStop.components.seconds }.max() ?? 0
        return options.startDelaySeconds + Int(load) + 600
    }

    private var podMetadata: Node {
        var pairs: [(Node, Node)] = [("labels", KubernetesManifests.labels(name))]
        if let port = options.metricsPort {
            // The annotations Prometheus' common Kubernetes scrape configs select pods by.
            pairs.append(
                (
                    "annotations",
                    [
                        "prometheus.io/scrape": .text("true"), "prometheus.io/port": .text(String(port)),
                        "prometheus.io/path": "/metrics",
                    ]
                ))
        }
        return .mapping(Node.Mapping(pairs))
    }

    private var podSpec: Node {
        [
            "restartPolicy": "Never",
            "affinity": [
                "podAntiAffinity": [
                    "preferredDuringSchedulingIgnoredDuringExecution": .list([
                        [
                            "weight": 100,
                            "podAffinityTerm": [
                                "topologyKey": "kubernetes.io/hostname",
                                "labelSelector": ["matchLabels": KubernetesManifests.labels(name)],
                            ],
                        ]
                    ])
                ]
            ],
            "containers": .list([container]),
            "volumes": .list([
                ["name": "files", "projected": ["sources": .list(sources)]],
                ["name": "results", "emptyDir": [:]],
            ]),
        ]
    }

    private var container: Node {
        var pairs: [(Node, Node)] = [
            ("name", "rehearse"), ("image", .text(options.image)),
            ("command", .list(command.map(Node.text))),
            ("env", .list([["name": "NO_COLOR", "value": .text("1")]])),
        ]
        if let secret = options.secret {
            pairs.append(("envFrom", .list([["secretRef": ["name": .text(secret)]]])))
        }
        let resources: Node = ["cpu": .text(options.cpu), "memory": .text(options.memory)]
        pairs.append(("resources", ["requests": resources, "limits": resources]))
        pairs.append(
            (
                "volumeMounts",
                .list([
                    ["name": "files", "mountPath": .text(KubernetesManifests.filesPath), "readOnly": .bool(true)],
                    ["name": "results", "mountPath": .text(KubernetesManifests.resultsPath)],
                ])
            ))
        if let port = options.metricsPort {
            pairs.append(("ports", .list([["name": "metrics", "containerPort": .int(port)]])))
        }
        return .mapping(Node.Mapping(pairs))
    }

    /// What each pod runs: its segment of the profile from the mounted folder, at the common instant, with the
    /// common seed; its results as one log line.
    var command: [String] {
        var args = [
            "rehearse", "run", "\(KubernetesManifests.filesPath)/\(bundle.profilePath)",
            "--segments", String(options.instances), "--start-at", options.startAt, "--seed", String(options.seed),
            "--workers", String(options.workers), "--out", KubernetesManifests.resultsPath, "--results-stdout",
            "--defer-verdict", "-q",
        ]
        if let port = options.metricsPort { args += ["--serve", "0.0.0.0:\(port)"] }
        return args
    }

    /// The ConfigMap's files at their paths; the secret CSV files from their Secret, beside them.
    private var sources: [Node] {
        let plain = bundle.files.map(\.path).filter { !bundle.secretFiles.contains($0) }
        var list: [Node] = [
            ["configMap": ["name": .text("\(name)-files"), "items": .list(plain.map(item))]]
        ]
        if let secret = options.filesSecret, !bundle.secretFiles.isEmpty {
            list.append(["secret": ["name": .text(secret), "items": .list(bundle.secretFiles.sorted().map(item))]])
        }
        return list
    }

    private func item(_ path: String) -> Node {
        ["key": .text(keys.key(for: path)), "path": .text(path)]
    }
}
