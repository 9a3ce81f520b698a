/// One `rehearse …` command of a `sh` block, split into words as a POSIX shell would (quotes, backslashes,
/// `#` comments, `\` line continuations), with what surrounds it: `NAME=value` prefixes, a pipe into it, a trailing
/// `&`. `<` and `>` are kept inside words: the docs write placeholders such as `Results/<run>`, never redirections.
struct ShellCommand: Sendable, CustomStringConvertible {
    /// The line of the doc it starts on.
    var line: Int
    /// The environment its prefixes set (`DEMO_ADMIN_PASSWORD=demo-admin rehearse …`).
    var environment: [String: String] = [:]
    /// The arguments after `rehearse`.
    var arguments: [String]
    /// `… &`: it runs in the background.
    var background = false
    /// `… | rehearse …`: it reads what another command writes.
    var piped = false

    var description: String { "rehearse " + arguments.joined(separator: " ") }

    /// A shell word or an operator (`|`, `||`, `&`, `&&`, `;`).
    enum Token: Equatable {
        case word(String)
        case op(String)
    }

    /// The `rehearse` commands of a `sh` block starting at doc line `firstLine` (the fence's line + 1).
    static func commands(in block: String, firstLine: Int) throws(ShellSyntaxError) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var logical = ""
        var startLine = firstLine
        for (offset, raw) in block.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if logical.isEmpty { startLine = firstLine + offset }
            if raw.hasSuffix("\\") {
                logical += raw.dropLast() + " "
                continue
            }
            logical += raw
            commands += try Self.commands(inLine: logical, line: startLine)
            logical = ""
        }
        return commands
    }

    private static func commands(inLine text: String, line: Int) throws(ShellSyntaxError) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var words: [String] = []
        var afterPipe = false
        func finish(_ op: String?) {
            defer {
                words = []
                afterPipe = op == "|"
            }
            var environment: [String: String] = [:]
            var rest = words[...]
            while let first = rest.first, let equals = first.firstIndex(of: "="),
                first[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !first[..<equals].isEmpty
            {
                environment[String(first[..<equals])] = String(first[first.index(after: equals)...])
                rest = rest.dropFirst()
            }
            guard rest.first == "rehearse" else { return }
            commands.append(
                ShellCommand(
                    line: line, environment: environment, arguments: Array(rest.dropFirst()), background: op == "&",
                    piped: afterPipe))
        }
        for token in try tokens(text, line: line) {
            switch token {
            case .word(let word): words.append(word)
            case .op(let op): finish(op)
            }
        }
        finish(nil)
        return commands
    }

    /// The words and operators of one logical line, up to a comment.
    static func tokens(_ text: String, line: Int = 0) throws(ShellSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var word: String?
        var quote: Character?
        var characters = text.makeIterator()
        func flush() {
            if let w = word { tokens.append(.word(w)) }
            word = nil
        }
        while let c = characters.next() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if q == "\"", c == "\\", let next = characters.next() {
                    word! += "$`\"\\".contains(next) ? String(next) : "\\\(next)"
                } else {
                    word! += String(c)
                }
                continue
            }
            switch c {
            case " ", "\t": flush()
            case "#" where word == nil: return finished(tokens, word)
            case "'", "\"":
                quote = c
                word = word ?? ""
            case "\\":
                word = (word ?? "") + (characters.next().map { String($0) } ?? "")
            case "|", "&", ";":
                flush()
                if case .op(let previous) = tokens.last, previous == String(c), c != ";" {
                    tokens[tokens.count - 1] = .op(previous + String(c))
                } else {
                    tokens.append(.op(String(c)))
                }
            default: word = (word ?? "") + String(c)
            }
        }
        guard quote == nil else { throw ShellSyntaxError(line: line, message: "an unclosed \(quote!) quote") }
        return finished(tokens, word)
    }

    private static func finished(_ tokens: [Token], _ word: String?) -> [Token] {
        word.map { tokens + [.word($0)] } ?? tokens
    }
}

/// A command line the shell would not read.
struct ShellSyntaxError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
}
