/// Why an import could not be done, located like a compiler diagnostic.
///
/// `description` renders as `dashboard.har:1:3481: error: unexpected end of file inside log.entries[12]
/// (byte 3480; the file looks truncated)`, then `  hint: …` on a second line when there is a hint.
/// Messages never quote a recorded secret.
public struct ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file (or `curl` for a command given on the command line).
    public var file: String
    /// 1-based line and column, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is a useful suggestion.
    public var hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        var text = "\(place): error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Line and column of a byte offset in a buffer, for error messages (computed only when reporting).
enum TextPosition {
    static func of(offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        for i in 0..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for i in lineStart..<end where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}
