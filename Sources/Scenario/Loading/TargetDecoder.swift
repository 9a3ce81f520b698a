import CurlURL

/// Decodes `target:`: `base_url` (may use `{{env.NAME}}`, resolved at load time), `allow_hosts`, `http`,
/// `verify_tls`, `max_rate`, `max_connections_per_host`, `accept_encoding`, `trace`.
struct TargetDecoder {
    static let keys = [
        "base_url", "allow_hosts", "http", "verify_tls", "max_rate", "max_connections_per_host", "accept_encoding",
        "trace",
    ]
    let environment: [String: String]

    func decode(_ value: YAMLValue) throws(ScenarioError) -> Target {
        let map = try value.mapping(allowed: Self.keys)
        let urlValue = try map.required("base_url", hint: "e.g. base_url: http://127.0.0.1:8787")
        let baseURL = try resolvedBaseURL(urlValue)
        let host = try Self.validatedHost(baseURL, at: urlValue)
        var allowHosts = [host]
        if let hostsValue = map["allow_hosts"] {
            allowHosts = try Self.hostNames(hostsValue)
            guard allowHosts.contains(host) else {
                throw hostsValue.error(
                    "the base URL's host \(host) is not in allow_hosts", hint: "add \(host) to target.allow_hosts")
            }
        }
        var target = Target(
            baseURL: baseURL, allowHosts: allowHosts, httpVersion: try httpVersion(map["http"]),
            verifyTLS: try map["verify_tls"]?.bool() ?? true, source: value.location)
        if let rateValue = map["max_rate"] {
            let rate = try StageDecoder.rate(rateValue)
            guard rate > 0 else { throw rateValue.error("max_rate must be above 0", hint: "e.g. max_rate: 200/s") }
            target.maxRate = rate
        }
        if let capValue = map["max_connections_per_host"] {
            let cap = try capValue.int()
            guard (0...1000).contains(cap) else {
                throw capValue.error(
                    "max_connections_per_host must be 0 (no cap) to 1000, got \(cap)", hint: "browsers use 6")
            }
            target.maxConnectionsPerHost = cap
        }
        if let encodingValue = map["accept_encoding"] { target.acceptEncoding = try acceptEncoding(encodingValue) }
        if let traceValue = map["trace"] { target.trace = try traceValue.bool() }
        return target
    }

    /// `accept_encoding: gzip, br`, or `none` (also `false`) to ask for uncompressed responses.
    private func acceptEncoding(_ value: YAMLValue) throws(ScenarioError) -> String? {
        if let off = try? value.bool(), !off { return nil }
        let text = try value.string().trimmingCharacters(in: .whitespaces)
        if text.lowercased() == "none" { return nil }
        guard !text.isEmpty, !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw value.error(
                "accept_encoding must list content codings, e.g. \"gzip, deflate, br\"",
                hint: "or none for no compression")
        }
        return text
    }

    /// The base URL with `{{env.NAME}}` replaced; other placeholders are not allowed here.
    private func resolvedBaseURL(_ value: YAMLValue) throws(ScenarioError) -> String {
        var recorder = TemplateRecorder()
        let template = try recorder.template(value)
        for variable in template.variables {
            guard case .env(let name) = variable else {
                throw value.error("base_url can only use {{env.NAME}} placeholders, not {{\(variable)}}")
            }
            guard environment[name] != nil else {
                throw value.error("environment variable \(name) is not set", hint: "export \(name)=…")
            }
        }
        return template.render { if case .env(let name) = $0 { environment[name] } else { nil } }
    }

    /// The host of the base URL as libcurl reads it (``ParsedURL/host``); step paths are appended to its path,
    /// so it has no query or fragment.
    static func validatedHost(_ url: String, at value: YAMLValue) throws(ScenarioError) -> String {
        let parsed: ParsedURL
        do {
            parsed = try ParsedURL.parse(url)
        } catch {
            throw value.error(
                "base_url must be an absolute http or https URL",
                hint: "libcurl says: \(error.message); e.g. base_url: https://staging.example.com")
        }
        guard parsed.query == nil, parsed.fragment == nil else {
            throw value.error(
                "base_url cannot have a query or a fragment: step paths are appended to it",
                hint: "give query parameters on the steps (query:)")
        }
        return parsed.host
    }

    /// `allow_hosts` as host names in ``ParsedURL/host``'s spelling (`Staging.Example.com.` → `staging.example.com`).
    private static func hostNames(_ value: YAMLValue) throws(ScenarioError) -> [String] {
        var names: [String] = []
        for item in try value.stringListValues() {
            let text = try item.string()
            guard let name = HostAllowList.hostName(text) else {
                throw item.error(
                    "\"\(text)\" is not a host name",
                    hint: "list host names only, without scheme, port or path, e.g. api.example.com")
            }
            names.append(name)
        }
        return names
    }

    private func httpVersion(_ value: YAMLValue?) throws(ScenarioError) -> Target.HTTPVersion {
        guard let value else { return .auto }
        let text = try value.string()
        guard let version = Target.HTTPVersion(rawValue: text) else {
            let options = ["auto", "http1"]
            throw value.error(
                "unknown http version \"\(text)\"",
                hint: Suggestions.didYouMean(text, in: options, format: { "\"\($0)\"" }) ?? "use auto or http1")
        }
        return version
    }
}
