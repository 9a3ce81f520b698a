import CurlURL
import Scenario

/// A host and port requests go to: what a network-emulation proxy forwards to.
public struct Upstream: Sendable, Hashable {
    public var host: String
    public var port: Int

    /// The host and port libcurl connects to for an absolute http(s) URL (default ports 80 and 443).
    public init?(url: String) {
        guard let parsed = ParsedURL(url) else { return nil }
        host = parsed.host
        port = parsed.port
    }

    /// Every upstream a plan's requests can reach that is known before the run: the base URL's and those of
    /// absolute step URLs written out literally.
    static func all(baseURL: String, flows: [CompiledFlow]) -> [Upstream] {
        var seen: [Upstream] = []
        let urls = [baseURL] + flows.flatMap(\.steps).flatMap(\.requests).compactMap(\.fixedURL)
        for url in urls {
            if let u = Upstream(url: url), !seen.contains(u) { seen.append(u) }
        }
        return seen
    }
}

extension CompiledStep {
    var requests: [CompiledRequest] {
        switch self {
        case .request(let r): [r]
        case .group(let requests, _): requests
        case .think: []
        }
    }
}
