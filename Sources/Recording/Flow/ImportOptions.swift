/// What the user can change about an import (the flags of `rehearse import`).
public struct ImportOptions: Sendable, Equatable {
    /// Hosts to keep (`host`, `host:port`, `*.example.com`); empty: the main site's hosts.
    public var includeHosts: [String] = []
    /// Regular expressions on the full URL; a match drops the entry.
    public var excludePatterns: [String] = []
    /// Body fields of the recorded login that become `{{role.NAME}}`; `nil`: ``defaultRoleFields`` where present.
    public var roleFields: [String]?
    /// The role fields looked for without `--role-fields`.
    public static let defaultRoleFields = ["email", "username", "password"]
    /// Longest think time written (recorded pauses are cut to this).
    public var maxThink: Duration = .seconds(5)
    /// Recorded pauses are multiplied by this; 0 writes no think time.
    public var thinkScale: Double = 1
    /// Pauses shorter than this (after scaling) are not written: they are the browser working, not the user.
    public var minThink: Duration = .milliseconds(100)
    /// The flow's name; default: the source file's name.
    public var name: String?
    /// Also check each response's content type (`content_type:` check).
    public var checkContentType = false
    /// Check each recorded status exactly (`status: 200`); by default its class (`status: 2xx`), so the flow
    /// replays for a role that sees other data (a `206` where the recording had `200`).
    public var strictStatus = false

    public init() {}
}
