/// ANSI styling, or none (pipes, CI, `NO_COLOR`).
public struct TerminalStyle: Sendable {
    public var color: Bool

    public static let plain = TerminalStyle(color: false)

    public init(color: Bool) { self.color = color }

    func bold(_ s: String) -> String { wrap(s, "1") }
    func red(_ s: String) -> String { wrap(s, "31") }
    func green(_ s: String) -> String { wrap(s, "32") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func dim(_ s: String) -> String { wrap(s, "2") }

    private func wrap(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
