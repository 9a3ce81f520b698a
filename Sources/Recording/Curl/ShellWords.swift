/// Splits bash command text — what a browser's "Copy as cURL (bash)" produces — into commands and words.
///
/// Handles single quotes, double quotes (with `\"`, `\\`, `\$`, `` \` `` escapes), ANSI-C `$'…'` strings,
/// backslash escapes and line continuations (`\` at the end of a line), `#` comments, and `;`, `&&`, `||`,
/// `|` and unquoted newlines between commands. No expansion: `$HOME` stays text.
struct ShellWords {
    /// A word and where it starts in the text.
    struct Word: Equatable {
        var text: String
        /// Offset in Unicode scalars from the start of the text.
        var offset: Int
    }

    /// A malformed command line (an unterminated quote), at a scalar offset.
    struct Failure: Error {
        var offset: Int
        var message: String
        var hint: String?
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// The commands of `text`, each a list of words (empty commands skipped).
    static func split(_ text: String) throws(Failure) -> [[Word]] {
        var reader = ShellWords(text)
        return try reader.commands()
    }

    private mutating func commands() throws(Failure) -> [[Word]] {
        var commands: [[Word]] = []
        var current: [Word] = []
        func endCommand() {
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        while index < scalars.count {
            let c = scalars[index]
            switch c {
            case " ", "\t", "\r":
                index += 1
            case "\n", ";":
                index += 1
                endCommand()
            case "&", "|":
                index += 1
                if index < scalars.count, scalars[index] == c { index += 1 }
                endCommand()
            case "\\" where next(is: "\n") || next(is: "\r"):
                index += 2
                if index < scalars.count, scalars[index - 1] == "\r", scalars[index] == "\n" { index += 1 }
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            default:
                current.append(try word())
            }
        }
        endCommand()
        return commands
    }

    /// One word: runs of unquoted text and quoted strings with nothing between them.
    private mutating func word() throws(Failure) -> Word {
        let start = index
        var text = ""
        while index < scalars.count {
            let c = scalars[index]
            switch c {
            case " ", "\t", "\r", "\n", ";", "&", "|":
                return Word(text: text, offset: start)
            case "'":
                text += try singleQuoted()
            case "\"":
                text += try doubleQuoted()
            case "$" where next(is: "'"):
                index += 1
                text += try ansiC()
            case "\\":
                index += 1
                guard index < scalars.count else { return Word(text: text, offset: start) }
                // A line continuation inside a word joins the two halves.
                if scalars[index] == "\n" {
                    index += 1
                    continue
                }
                if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 2
                    continue
                }
                text.unicodeScalars.append(scalars[index])
                index += 1
            default:
                text.unicodeScalars.append(c)
                index += 1
            }
        }
        return Word(text: text, offset: start)
    }

    private mutating func singleQuoted() throws(Failure) -> String {
        let open = index
        index += 1
        var text = ""
        while index < scalars.count {
            if scalars[index] == "'" {
                index += 1
                return text
            }
            text.unicodeScalars.append(scalars[index])
            index += 1
        }
        throw Failure(offset: open, message: "unterminated single quote", hint: "close the string with '")
    }

    private mutating func doubleQuoted() throws(Failure) -> String {
        let open = index
        index += 1
        var text = ""
        while index < scalars.count {
            let c = scalars[index]
            if c == "\"" {
                index += 1
                return text
            }
            if c == "\\", index + 1 < scalars.count {
                let n = scalars[index + 1]
                if n == "\n" {
                    index += 2
                    continue
                }
                if n == "\"" || n == "\\" || n == "$" || n == "`" {
                    text.unicodeScalars.append(n)
                    index += 2
                    continue
                }
            }
            text.unicodeScalars.append(c)
            index += 1
        }
        throw Failure(offset: open, message: "unterminated double quote", hint: "close the string with \"")
    }

    /// `$'…'`, positioned on the opening quote.
    private mutating func ansiC() throws(Failure) -> String {
        let open = index - 1
        index += 1
        var text = ""
        // `\xHH` runs are bytes: UTF-8 when they decode as such (bash), else Latin-1 code points (Chrome).
        var bytes: [UInt8] = []
        func flush() {
            guard !bytes.isEmpty else { return }
            if let decoded = String(validating: bytes, as: UTF8.self) {
                text += decoded
            } else {
                for b in bytes { text.unicodeScalars.append(Unicode.Scalar(b)) }
            }
            bytes = []
        }
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if c == "\\", index < scalars.count, scalars[index] == "x" {
                index += 1
                bytes.append(UInt8(readCode(digits: 2, radix: 16)))
                continue
            }
            flush()
            if c == "'" { return text }
            if c == "\\", index < scalars.count {
                appendEscape(to: &text)
            } else {
                text.unicodeScalars.append(c)
            }
        }
        throw Failure(offset: open, message: "unterminated $'…' string", hint: "close the string with '")
    }

    /// One escape of a `$'…'` string (after its backslash), other than `\x`.
    private mutating func appendEscape(to text: inout String) {
        let e = scalars[index]
        index += 1
        switch e {
        case "n": text += "\n"
        case "t": text += "\t"
        case "r": text += "\r"
        case "a": text += "\u{07}"
        case "b": text += "\u{08}"
        case "e", "E": text += "\u{1B}"
        case "f": text += "\u{0C}"
        case "v": text += "\u{0B}"
        case "u": appendCode(&text, digits: 4, radix: 16)
        case "U": appendCode(&text, digits: 8, radix: 16)
        case "0"..."7":
            index -= 1
            appendCode(&text, digits: 3, radix: 8)
        case "c":
            if index < scalars.count {
                text.unicodeScalars.append(Unicode.Scalar(scalars[index].value & 0x1F) ?? "?")
                index += 1
            }
        default: text.unicodeScalars.append(e)  // \\ \' \" \? and unknown escapes
        }
    }

    /// Up to `digits` digits in `radix` as one Unicode scalar (bash stops at the first non-digit).
    private mutating func appendCode(_ text: inout String, digits: Int, radix: Int) {
        if let scalar = Unicode.Scalar(readCode(digits: digits, radix: radix)) { text.unicodeScalars.append(scalar) }
    }

    /// Reads up to `digits` digits in `radix`.
    private mutating func readCode(digits: Int, radix: Int) -> UInt32 {
        var value: UInt32 = 0
        var read = 0
        while read < digits, index < scalars.count, let d = Int(String(scalars[index]), radix: radix) {
            value = value * UInt32(radix) + UInt32(d)
            index += 1
            read += 1
        }
        return value
    }

    private func next(is c: Unicode.Scalar) -> Bool {
        index + 1 < scalars.count && scalars[index + 1] == c
    }
}
