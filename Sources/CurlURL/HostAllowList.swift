/// The hosts requests may go to (`target.allow_hosts`), checked with the parser libcurl sends with.
///
/// A URL passes when libcurl reads it as an absolute http or https URL whose host is listed; anything libcurl
/// cannot read, or reads with another scheme, is refused too, so nothing the check did not understand is sent.
/// Hosts compare in ``ParsedURL/host``'s one spelling, so `ALLOWED.example.`, `%61llowed.example` and
/// `allowed.example` are one host, and `allowed.example@evil.example` is `evil.example`.
public struct HostAllowList: Sendable, Equatable {
    /// The listed hosts in ``ParsedURL/host``'s spelling, in the order given.
    public let hosts: [String]
    private let lookup: Set<String>

    /// Why a URL is not sent.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not an absolute http(s) URL libcurl can read.
        case notHTTP(URLParseError)
        /// A host outside the list.
        case host(String)

        public var description: String {
            switch self {
            case .notHTTP(let error): "not an http(s) URL: \(error.message)"
            case .host(let host): "host \(host) is not in target.allow_hosts"
            }
        }
    }

    /// A list of host names (see ``hostName(_:)``); an entry that is no host name is kept lower-cased and
    /// matches nothing.
    public init(_ hosts: [String]) {
        self.hosts = hosts.map { Self.hostName($0) ?? $0.lowercased() }
        lookup = Set(self.hosts)
    }

    /// Whether `host` (in ``ParsedURL/host``'s spelling) is listed.
    public func contains(host: String) -> Bool {
        lookup.contains(host)
    }

    /// The URL as libcurl will read it when it may be sent; else why not.
    public func check(_ url: String) -> Result<ParsedURL, Refusal> {
        let parsed: ParsedURL
        do {
            parsed = try ParsedURL.parse(url)
        } catch {
            return .failure(.notHTTP(error))
        }
        return lookup.contains(parsed.host) ? .success(parsed) : .failure(.host(parsed.host))
    }

    /// Why `url` must not be sent, or `nil` when it may.
    public func refusal(for url: String) -> Refusal? {
        if case .failure(let refusal) = check(url) { refusal } else { nil }
    }

    /// An `allow_hosts` entry (`Staging.Example.com`, `127.0.0.1`, `::1`, `[::1]`) in ``ParsedURL/host``'s
    /// spelling, read by libcurl as the host of `http://ENTRY/`; `nil` when it is not a bare host name (a port,
    /// a path, user info or a character no host has).
    public static func hostName(_ entry: String) -> String? {
        let bracketed = entry.contains(":") && !entry.hasPrefix("[") ? "[\(entry)]" : entry
        guard let url = ParsedURL("http://\(bracketed)/"), !url.hasUserInfo, !url.hasExplicitPort, url.path == "/",
            url.query == nil, url.fragment == nil
        else { return nil }
        return url.host
    }
}
