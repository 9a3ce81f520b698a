import CurlURL
import Foundation

/// The commented starting files `rehearse init --url` writes. Values from the command line are written as JSON
/// strings (valid YAML double-quoted scalars), so no URL can break the YAML.
enum StarterProfile {
    static func profile(url: String, flow: String) throws -> String {
        let parsed = try ParsedURL.parse(url)
        let defaultPort = parsed.scheme == "https" ? 443 : 80
        let hostText = parsed.host.contains(":") ? "[\(parsed.host)]" : parsed.host
        let origin = "\(parsed.scheme)://\(hostText)" + (parsed.port == defaultPort ? "" : ":\(parsed.port)")
        // The host's first label names the profile (`staging` for an address or localhost).
        let label = parsed.host.split(separator: ".").first.map(String.init) ?? ""
        let name =
            label.isEmpty || label.allSatisfy(\.isNumber) || parsed.host.contains(":") || label == "localhost"
            ? "staging" : label
        return """
            # A starting profile written by `rehearse init`. Edit it, then:
            #   rehearse validate profile.yaml && rehearse run profile.yaml
            # Every key is in docs/reference-profile.md.
            name: \(quoted(name))
            target:
              base_url: \(quoted(origin))  # step paths are joined to it; may use {{env.NAME}}
              # allow_hosts: [\(parsed.host)]  # hosts requests may go to (default: the base URL's only)
              # max_rate: 50/s  # never send more than this, whatever the load
            flows:  # each iteration of a virtual user walks these in order
              - \(quoted("flows/\(flow).yaml"))
            roles:  # who the virtual users are; a flow reads {{role.FIELD}}
              user:
                fields:
                  email: user@example.com
                  # password: { env: USER_PASSWORD }  # from the environment; secret, never printed
              # admin:  # a second role replays the same flows: `rehearse diff-roles` compares them
              #   fields: { email: admin@example.com }
            load:  # constant VUs; see docs/guide-release-gate.md for ramps and arrival rates
              vus: 5
              duration: 30s
              ramp_up: 5s
            timeouts:
              request: 10s  # a request slower than this counts as a timeout
              spinner: 3s  # a wait longer than this is a spinner of death in the findings
            thresholds:  # the release gate: a failed one exits 99
              - p95 < 1s
              - error_rate < 1%
            # network: slow-4g  # emulate a mobile user (rehearse network list)

            """
    }

    static func flow(url: String, name: String) throws -> String {
        let parsed = try ParsedURL.parse(url)
        let path = parsed.path.isEmpty ? "/" : parsed.path
        let target = path + (parsed.query.map { "?\($0)" } ?? "")
        return """
            # The user's journey, step by step, written by `rehearse init`. Every key is in docs/reference-flow.md.
            # To record a real one: export a HAR from the browser and run `rehearse import har FILE.har`.
            name: \(quoted(name))
            steps:
              - name: \(quoted(name))
                get: \(quoted(target))
                check:
                  status: 200  # or a class such as 2xx
              - think: 1s..3s  # a person reads the page before the next step
              # - group: dashboard  # requests a page fires at once; the group's time is what the user waits for
              #   requests:
              #     - { name: tasks, get: /api/tasks }
              #     - { name: projects, get: /api/projects }

            """
    }

    /// The header of a profile made from a recording.
    static let harHeader = """
        # A starting profile written by `rehearse init --har`: the recording's base URL and role fields come from the
        # environment (see the import report). Edit it, then: rehearse validate PROFILE && rehearse run PROFILE
        # Every key is in docs/reference-profile.md.

        """

    /// `text` as a JSON string: a valid YAML double-quoted scalar, whatever it holds.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
