import Foundation
import TestSupport
import Testing

/// `rehearse run` ends with the role diff and the server's timings; `diff-roles` and `report --slowest` work on
/// the saved run; no secret reaches a waterfall, exemplar or trace listing.
@Suite struct DiagnosisEndToEndTests {
    static let password = "s3cr3t-Passw0rd-e2e"

    @Test func runDiffRolesAndWaterfallsOnASavedRun() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let roles = """
                  admin:
                    fields: { delay: "10", password: \(Self.password) }
                    secret_fields: [password]
                  user:
                    fields: { delay: "70", password: \(Self.password) }
                    secret_fields: [password]
            """
        let path = try w.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ executor: per-vu-iterations, vus: 4, iterations: 20 }", roles: roles),
            flow: """
                steps:
                  - { name: login, post: "/echo?pw={{role.password}}", json: { password: "{{role.password}}" } }
                  - group: page
                    requests:
                      - { name: me, get: /delay/2 }
                      - { name: tasks, get: "/server-timing/{{role.delay}}" }
                """)
        let run = try RehearseBinary.run(["run", path, "--out", w.results.path, "-q"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("Where the server spent it (Server-Timing)"), "\(run.transcript)")
        #expect(run.stdout.contains("Role diff (each role against the fastest"), "\(run.transcript)")
        #expect(run.stdout.contains("why: page › tasks"), "\(run.transcript)")
        let folder = try w.runFolder()

        let diff = try RehearseBinary.run(["diff-roles", folder.path, "--base", "admin"])
        #expect(diff.status == 0, "\(diff.transcript)")
        #expect(diff.stdout.contains("✗ page (wait): user"), "\(diff.transcript)")
        #expect(diff.stdout.contains("server time: db +"), "\(diff.transcript)")
        let json = try RehearseBinary.run(["diff-roles", folder.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["findings"] as? [[String: Any]])?.isEmpty == false)

        let bad = try RehearseBinary.run(["diff-roles", folder.path, "--base", "admn"])
        #expect(bad.status == 2 && bad.stderr.contains("did you mean admin?"), "\(bad.transcript)")

        let waterfall = try RehearseBinary.run(["report", folder.path, "--slowest", "2"])
        #expect(waterfall.status == 0, "\(waterfall.transcript)")
        #expect(waterfall.stdout.contains("Slow iteration of user"), "\(waterfall.transcript)")
        #expect(waterfall.stdout.contains("page › tasks") && waterfall.stdout.contains("· trace "))

        // No secret in anything the run wrote or printed: waterfalls, exemplars, traces, messages.
        for file in Workspace.files(under: folder) {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(Self.password), "\(file.lastPathComponent) holds the password")
        }
        for output in [run.stdout, run.stderr, diff.stdout, waterfall.stdout, json.stdout] {
            #expect(!output.contains(Self.password))
        }
    }
}
