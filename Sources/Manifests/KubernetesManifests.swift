import Scenario
import Yams

/// `rehearse k8s`: plain manifests for a split run on Kubernetes, no operator needed (README "Running on several
/// machines"): a ConfigMap with the profile, its flows and CSV files; an Indexed Job whose pod `i` runs segment
/// `i+1` of N, all starting the load at one instant; and `merge.sh`, which waits for the Job, collects each pod's
/// results from its log (`rehearsal-results` lines) and merges them into one run.
///
/// Secrets stay out: the environment comes from a Secret referenced by name, CSV files with secret fields from
/// another; neither's contents are ever written here.
public enum KubernetesManifests {
    /// Where the pod sees the profile's folder, and writes its results.
    public static let filesPath = "/etc/rehearsal"
    public static let resultsPath = "/results"

    /// A file to write into the output folder.
    public struct File: Sendable, Equatable {
        public var name: String
        public var contents: String
    }

    /// The manifests for `bundle` under `options`.
    /// - Throws: `BundleError` when the files are too big for a ConfigMap or a secret CSV has no Secret to come from.
    public static func make(_ bundle: ProfileBundle, options: KubernetesOptions) throws -> [File] {
        let name = jobName(bundle.profile.name)
        let keys = ConfigMapKeys(paths: bundle.files.map(\.path))
        let plain = bundle.files.filter { !bundle.secretFiles.contains($0.path) }
        let size = plain.reduce(0) { $0 + $1.contents.utf8.count }
        guard size <= 1_000_000 else {
            throw BundleError(
                "the profile's files are \(size / 1024) KiB: a ConfigMap holds at most 1 MiB",
                hint: "move large CSV files into a Secret (--files-secret) or trim them")
        }
        if !bundle.secretFiles.isEmpty, options.filesSecret == nil {
            let files = bundle.secretFiles.sorted()
            throw BundleError(
                "\(files.joined(separator: ", ")) hold secret fields: they are never written into manifests",
                hint: "kubectl create secret generic \(name)-files "
                    + files.map { "--from-file=\(keys.key(for: $0))=\($0)" }.joined(separator: " ")
                    + ", then pass --files-secret \(name)-files")
        }
        let configMap: Node = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata("\(name)-files", name, options),
            "data": .mapping(Node.Mapping(plain.map { (Node.text(keys.key(for: $0.path)), Node.text($0.contents)) })),
        ]
        let job = KubernetesJob(name: name, bundle: bundle, keys: keys, options: options).node
        return [
            File(name: "configmap.yaml", contents: try serialize(node: configMap)),
            File(name: "job.yaml", contents: try serialize(node: job)),
            File(name: "merge.sh", contents: mergeScript(name, options)),
        ]
    }

    /// `rehearse-<profile>`, as a DNS label (lower case, digits, dashes; at most 52 characters, Jobs' limit for
    /// names whose pods are indexed).
    public static func jobName(_ profile: String) -> String {
        let cleaned = profile.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" }
        let label = String(cleaned).split(separator: "-").joined(separator: "-")
        return String(("rehearse-" + label).prefix(52)).trimmingCharacters(in: ["-"])
    }

    static func metadata(_ name: String, _ run: String, _ options: KubernetesOptions) -> Node {
        var pairs: [(Node, Node)] = [("name", .text(name))]
        if let namespace = options.namespace { pairs.append(("namespace", .text(namespace))) }
        pairs.append(("labels", labels(run)))
        return .mapping(Node.Mapping(pairs))
    }

    static func labels(_ run: String) -> Node {
        ["app.kubernetes.io/name": "rehearse", "app.kubernetes.io/instance": .text(run)]
    }

    /// Waits for the Job to end (complete or failed: a merge of what ran is still worth having), collects every
    /// pod's log and merges the results lines; exits as `rehearse run` would on the whole.
    static func mergeScript(_ name: String, _ options: KubernetesOptions) -> String {
        let ns = options.namespace.map { " --namespace \($0)" } ?? ""
        return """
            #!/bin/sh
            # Made by rehearse k8s. After `kubectl apply -f <this folder>`: waits for job/\(name) to end, collects each
            # pod's results from its log (one rehearsal-results line per pod) and merges them into one run.
            # Usage: sh merge.sh [OUT]   (default Results/\(name)-merged). Exit code as rehearse run.
            set -eu
            out="${1:-Results/\(name)-merged}"
            until kubectl get job/\(name)\(ns) -o jsonpath='{.status.conditions[*].type}' | grep -Eq 'Complete|Failed'; do
              sleep 5
            done
            mkdir -p "$(dirname "$out")"
            kubectl logs\(ns) --selector app.kubernetes.io/instance=\(name) --tail=-1 \\
              --max-log-requests=\(max(5, options.instances)) > "$out.pods.log"
            exec rehearse merge --logs "$out.pods.log" --out "$out"

            """
    }
}

/// ConfigMap keys for relative paths: keys allow only `[-._a-zA-Z0-9]`, so `flows/login.yaml` is
/// `flows_login.yaml`; the volume maps each key back to its path.
struct ConfigMapKeys {
    private var byPath: [String: String] = [:]

    init(paths: [String]) {
        var used: Set<String> = []
        for path in paths {
            let base = String(path.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) ? $0 : "_" })
            var key = base
            var n = 2
            while !used.insert(key).inserted {
                key = "\(n)-\(base)"
                n += 1
            }
            byPath[path] = key
        }
    }

    func key(for path: String) -> String { byPath[path] ?? path }
}
