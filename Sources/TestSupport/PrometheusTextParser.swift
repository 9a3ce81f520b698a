import Foundation

/// Parses an exposition with Python's `prometheus_client` (the reference parser of the text format), in a child
/// process with a bounded wait. Fails, never skips, when python3 or the module is missing.
public enum PrometheusTextParser {
    /// One metric family as the reference parser sees it.
    public struct Family: Decodable, Sendable {
        public var name: String
        public var type: String
        public var documentation: String
        public var samples: [Sample]
    }

    /// One sample line.
    public struct Sample: Decodable, Sendable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
        /// Its exemplar's labels (OpenMetrics only), nil without one.
        public var exemplar: [String: String]?
    }

    /// Python, the module or the text is wrong; the message says which and what to install.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static func script(openMetrics: Bool) -> String {
        let module = openMetrics ? "prometheus_client.openmetrics.parser" : "prometheus_client.parser"
        return """
            import json, sys
            try:
                from \(module) import text_string_to_metric_families
            except ImportError as error:
                sys.stderr.write("MISSING-MODULE %s\\n" % error)
                sys.exit(3)
            families = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                families.append({
                    "name": family.name, "type": family.type, "documentation": family.documentation,
                    "samples": [{"name": s.name, "labels": s.labels, "value": s.value,
                                 "exemplar": s.exemplar.labels if getattr(s, "exemplar", None) else None}
                                for s in family.samples],
                })
            json.dump(families, sys.stdout)
            """
    }

    static let install =
        "run `make test` (it installs prometheus_client), or `python3 -m pip install prometheus_client`"

    /// The families of an exposition text; throws ``Failure`` when it does not parse.
    public static func parse(_ text: String, timeout: Duration = .seconds(30)) throws -> [Family] {
        try parse(text, openMetrics: false, timeout: timeout)
    }

    /// The families of an OpenMetrics 1.0.0 exposition (the reference parser is strict: `# EOF`, counter names,
    /// exemplar syntax), exemplars included.
    public static func parseOpenMetrics(_ text: String, timeout: Duration = .seconds(30)) throws -> [Family] {
        try parse(text, openMetrics: true, timeout: timeout)
    }

    private static func parse(_ text: String, openMetrics: Bool, timeout: Duration) throws -> [Family] {
        let out: ChildProcess.Output
        do {
            out = try ChildProcess.run(
                "python3", ["-c", script(openMetrics: openMetrics)], input: text, timeout: timeout)
        } catch {
            throw Failure(description: "python3 could not parse the exposition (\(error)); \(install)")
        }
        let stderr = out.stderr
        switch out.status {
        case 0:
            break
        case 127:
            throw Failure(description: "python3 is not installed (\(stderr)); \(install)")
        case 3 where stderr.contains("MISSING-MODULE"):
            throw Failure(description: "python3 has no prometheus_client module; \(install)")
        default:
            throw Failure(
                description: "prometheus_client rejected the exposition (exit \(out.status)):\n"
                    + "\(stderr)\n--- exposition\n\(text)")
        }
        return try JSONDecoder().decode([Family].self, from: Data(out.stdout.utf8))
    }
}
