extension Duration {
    /// The duration in milliseconds, with fractions (`1.5s` → 1500).
    public var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// The duration in seconds, with fractions.
    public var inSeconds: Double { inMilliseconds / 1000 }
}
