extension Profile {
    /// The network conditions for the VUs of role `index`: the role's own (`roles.NAME.network`), else the
    /// profile's (`network:`), else `nil` (no emulation). `none` comes back as pass-through conditions
    /// (``NetworkConditions/isPassThrough``), so a role can opt out of the profile's network.
    public func networkConditions(forRole index: Int) -> NetworkConditions? {
        guard roles.indices.contains(index) else { return network }
        return roles[index].network ?? network
    }

    /// The `validate` line: `network: slow-4g (150ms RTT, 1.6 Mbit/s down, 750 kbit/s up); role user: slow-3g (…)`.
    /// `nil` when neither the profile nor any role sets a network.
    var networkSummaryLine: String? {
        let roleParts = roles.compactMap { role in role.network.map { "role \(role.name): \($0.summaryText)" } }
        guard network != nil || !roleParts.isEmpty else { return nil }
        return "network: " + ([network?.summaryText ?? NetworkDecoder.noneName] + roleParts).joined(separator: "; ")
    }
}
