import Foundation
import Scenario
import Testing
import Yams

@testable import Manifests

/// `rehearse k8s` pieces without a cluster: names, keys, quoting, what a bundle holds.
@Suite("Kubernetes manifests")
struct ManifestsTests {
    static let files: [String: String] = [
        "load/gate.yaml": """
        name: Gate Test
        target: { base_url: "{{env.BASE_URL}}" }
        roles:
          user: { csv: data/users.csv, secret_fields: [password] }
          admin: { fields: { email: a@example.test, password: { env: ADMIN_PASSWORD } } }
        flows: [flows/browse.yaml]
        load: { vus: 2, duration: 10s }
        """,
        "load/flows/browse.yaml": "steps:\n  - { name: ok, get: \"/ok?e={{role.email}}\" }\n",
        "load/data/users.csv": "email,password\nu@example.test,pw\n",
    ]

    static func reader(_ files: [String: String]) -> FileReader {
        { path in
            guard let text = files[path] else { throw FileNotFound(path: path) }
            return text
        }
    }

    @Test func bundlesWhatTheLoaderReadsRelativeToTheProfile() throws {
        let bundle = try ProfileBundle.collect(
            path: "load/gate.yaml", environment: [:], fileReader: Self.reader(Self.files))
        #expect(bundle.profilePath == "gate.yaml")
        #expect(Set(bundle.files.map(\.path)) == ["gate.yaml", "flows/browse.yaml", "data/users.csv"])
        #expect(bundle.secretFiles == ["data/users.csv"])
        #expect(bundle.environmentNames == ["ADMIN_PASSWORD", "BASE_URL"], "not set here: the pods get them")
    }

    @Test func aVariableNamedOnlyInACommentIsNotAskedFor() throws {
        var files = Self.files
        files["load/gate.yaml"]! += "\n# network: { env: NOT_READ }  # and {{env.NOT_READ_EITHER}}\n"
        let bundle = try ProfileBundle.collect(path: "load/gate.yaml", environment: [:], fileReader: Self.reader(files))
        #expect(bundle.environmentNames == ["ADMIN_PASSWORD", "BASE_URL"])
    }

    @Test func refusesFilesOutsideTheProfilesFolder() {
        var files = Self.files
        files["load/gate.yaml"] = files["load/gate.yaml"]!.replacingOccurrences(
            of: "flows: [flows/browse.yaml]", with: "flows: [../shared/browse.yaml]")
        files["load/../shared/browse.yaml"] = files["load/flows/browse.yaml"]
        #expect(throws: BundleError.self) {
            try ProfileBundle.collect(path: "load/gate.yaml", environment: [:], fileReader: Self.reader(files))
        }
    }

    @Test func namesAndKeysAreWhatKubernetesAccepts() {
        #expect(KubernetesManifests.jobName("Gate Test") == "rehearse-gate-test")
        #expect(KubernetesManifests.jobName("--Ünïcode__x--") == "rehearse-n-code-x")
        #expect(KubernetesManifests.jobName(String(repeating: "a", count: 80)).count == 52)
        let keys = ConfigMapKeys(paths: ["flows/a.yaml", "flows_a.yaml", "x y.csv"])
        #expect(keys.key(for: "flows/a.yaml") == "flows_a.yaml")
        #expect(keys.key(for: "flows_a.yaml") == "2-flows_a.yaml", "never two paths on one key")
        #expect(keys.key(for: "x y.csv") == "x_y.csv")
    }

    @Test func stringsThatLookLikeOtherTypesAreQuoted() throws {
        let node: Node = [
            "a": .text("true"), "b": .text("2"), "c": .text("500m"), "d": .text(""), "e": .text("x\ny\n"),
        ]
        let text = try serialize(node: node)
        let back = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(back["a"] as? String == "true" && back["b"] as? String == "2" && back["c"] as? String == "500m")
        #expect(back["d"] as? String == "" && back["e"] as? String == "x\ny\n")
        #expect(text.contains("e: |"), "files stay readable as literal blocks")
    }

    @Test func workersFollowTheCPU() {
        func options(_ cpu: String) -> KubernetesOptions {
            KubernetesOptions(
                instances: 1, image: "x", cpu: cpu, memory: "1Gi", secret: nil, filesSecret: nil, namespace: nil,
                startAt: "2026-01-01T00:00:00Z", startDelaySeconds: 0, seed: 1, metricsPort: nil)
        }
        #expect(options("2").workers == 2 && options("500m").workers == 1 && options("2500m").workers == 2)
        #expect(options("0.5").workers == 1)
    }
}
