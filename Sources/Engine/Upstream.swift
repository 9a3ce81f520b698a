import Scenario

/// A host and port requests go to: what a network-emulation proxy forwards to.
public struct Upstream: Sendable, Hashable {
    public var host: String
    public var port: Int

    /// The host and port of an absolute http(s) URL (default ports 80 and 443).
    public init?(url: String) {
        guard let host = URLJoin.host(of: url) else { return nil }
        let https = url.lowercased().hasPrefix("https://")
        self.host = host
        self.port = URLJoin.port(of: url) ?? (https ? 443 : 80)
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
