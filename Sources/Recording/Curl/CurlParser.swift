import CurlURL
import Foundation
import Scenario

/// Parses "Copy as cURL (bash)" text from Chrome or Firefox — one command or several — into
/// ``CurlCommand``s. Every option is accounted for: understood, knowingly ignored, or an error naming it and
/// where it is.
struct CurlParser {
    /// An error at a scalar offset of the text.
    struct Failure: Error {
        var offset: Int
        var message: String
        var hint: String?
    }

    static func parse(_ text: String) throws(Failure) -> [CurlCommand] {
        if let windows = windowsSyntax(text) { throw windows }
        let commands: [[ShellWords.Word]]
        do {
            commands = try ShellWords.split(text)
        } catch {
            throw Failure(offset: error.offset, message: error.message, hint: error.hint)
        }
        guard !commands.isEmpty else {
            throw Failure(offset: 0, message: "no curl command found", hint: "paste the output of Copy as cURL (bash)")
        }
        var out: [CurlCommand] = []
        for (n, words) in commands.enumerated() { out.append(try command(words, number: n + 1)) }
        return out
    }

    private static func command(_ words: [ShellWords.Word], number: Int) throws(Failure) -> CurlCommand {
        let program = words[0].text.split(separator: "/").last.map(String.init) ?? ""
        guard program == "curl" || program == "curl.exe" else {
            throw Failure(
                offset: words[0].offset, message: "command \(number) is \"\(words[0].text)\", not curl",
                hint: "each command must start with curl; separate commands with newlines, ; or &&")
        }
        var command = CurlCommand()
        var i = 1
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.text.hasPrefix("-"), word.text.count > 1 else {
                try setURL(word, in: &command, number: number)
                continue
            }
            for (name, attached) in try options(in: word) {
                guard let option = CurlOption.long[name] else { throw unknown(name, word, number) }
                var value = attached
                if option.takesValue, value == nil {
                    guard i < words.count else {
                        throw Failure(offset: word.offset, message: "\(name) needs a value (command \(number))")
                    }
                    value = words[i].text
                    i += 1
                }
                try apply(option, name: name, value: value ?? "", word: word, to: &command, number: number)
            }
        }
        guard command.url != nil else {
            throw Failure(
                offset: words[0].offset, message: "command \(number) has no URL",
                hint: "e.g. curl 'https://staging.example.com/api/me'")
        }
        return command
    }

    /// `--long` alone, or the options of a short cluster (`-sSL`, `-XPOST`, `-H'…'`) with an attached value.
    private static func options(in word: ShellWords.Word) throws(Failure) -> [(String, String?)] {
        if word.text.hasPrefix("--") { return [(word.text, nil)] }
        var out: [(String, String?)] = []
        var rest = word.text.dropFirst()
        while let c = rest.first {
            rest = rest.dropFirst()
            guard let name = CurlOption.short[c] else {
                throw Failure(
                    offset: word.offset, message: "unsupported curl option -\(c) (in \"\(word.text)\")",
                    hint: "remove it, or use the long form of a supported option")
            }
            if CurlOption.long[name]?.takesValue == true {
                out.append((name, rest.isEmpty ? nil : String(rest)))
                return out
            }
            out.append((name, nil))
        }
        return out
    }

    private static func apply(
        _ option: CurlOption, name: String, value: String, word: ShellWords.Word, to c: inout CurlCommand, number: Int
    ) throws(Failure) {
        // A line break would add a header (or a body) of its own to every request of the flow; never quoted back.
        if [.header, .request, .cookie, .userAgent, .referer].contains(option), HeaderText.breaksLine(value) {
            throw Failure(
                offset: word.offset, message: "\(name): the value holds a line break or NUL (command \(number))",
                hint: "a header or method is one line; remove the line break")
        }
        switch option {
        case .header:
            guard let colon = value.firstIndex(of: ":") else {
                throw Failure(offset: word.offset, message: "\(name) \"\(value)\" is not a header (Name: value)")
            }
            if let problem = HeaderText.nameProblem(String(value[..<colon])) {
                throw Failure(offset: word.offset, message: "\(name): \(problem) (command \(number))")
            }
            let headerValue = value[value.index(after: colon)...].trimmingPrefix(" ")
            if !headerValue.isEmpty {
                c.headers.append(HTTPField(name: String(value[..<colon]), value: String(headerValue)))
            }
        case .request:
            guard FlowMethods.all.contains(value.uppercased()) else {
                throw Failure(
                    offset: word.offset, message: "\(name) \(value): flows cannot send this method (command \(number))",
                    hint: "flows send GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS")
            }
            c.method = value
        case .data, .dataASCII, .dataBinary:
            if value.hasPrefix("@") {
                throw Failure(
                    offset: word.offset, message: "\(name) \(value): reading the body from a file is not supported",
                    hint: "paste the body with --data-raw '…'")
            }
            c.data.append(value)
        case .dataRaw: c.data.append(value)
        case .json:
            c.data.append(value)
            c.isJSON = true
        case .dataURLEncode: c.data.append(try urlEncoded(value, word: word, name: name))
        case .cookie:
            guard value.contains("=") else {
                throw Failure(
                    offset: word.offset, message: "\(name) \(value): reading cookies from a file is not supported",
                    hint: "pass them as text: -b 'name=value; other=value'")
            }
            c.headers.append(HTTPField(name: "Cookie", value: value))
        case .user:
            c.headers.append(HTTPField(name: "Authorization", value: "Basic " + Data(value.utf8).base64EncodedString()))
        case .url: try setURL(ShellWords.Word(text: value, offset: word.offset), in: &c, number: number)
        case .get: c.dataToQuery = true
        case .head: c.method = "HEAD"
        case .userAgent: c.headers.append(HTTPField(name: "User-Agent", value: value))
        case .referer: c.headers.append(HTTPField(name: "Referer", value: value))
        case .ignored(let note), .ignoredWithValue(let note):
            if let note, !c.notes.contains(note) { c.notes.append(note) }
        case .unsupported(let reason):
            throw Failure(
                offset: word.offset, message: "unsupported curl option \(name) (command \(number)): \(reason)",
                hint: "remove it from the command")
        }
    }

    /// `--data-urlencode`: `name=value`, `=value` or `value` with the value percent-encoded.
    private static func urlEncoded(_ value: String, word: ShellWords.Word, name: String) throws(Failure) -> String {
        if let at = value.firstIndex(of: "@"), !value[..<at].contains("=") {
            throw Failure(
                offset: word.offset, message: "\(name) \(value): reading the value from a file is not supported",
                hint: "pass it as name=value")
        }
        guard let equals = value.firstIndex(of: "=") else { return FormEncoding.encode(value) }
        let key = value[..<equals]
        let encoded = FormEncoding.encode(String(value[value.index(after: equals)...]))
        return key.isEmpty ? encoded : "\(key)=\(encoded)"
    }

    private static func setURL(_ word: ShellWords.Word, in c: inout CurlCommand, number: Int) throws(Failure) {
        guard c.url == nil else {
            throw Failure(
                offset: word.offset, message: "command \(number) has a second URL \"\(word.text)\"",
                hint: "one URL per curl command; write one command per request")
        }
        var url = word.text
        if !URLJoin.isAbsolute(url) { url = "http://" + url }  // as curl does for `curl example.com/x`
        do {
            _ = try ParsedURL.parse(url)
        } catch {
            throw Failure(
                offset: word.offset,
                message: "\"\(word.text)\" is not an http(s) URL (command \(number)): \(error.message)")
        }
        c.url = url
    }

    private static func unknown(_ name: String, _ word: ShellWords.Word, _ number: Int) -> Failure {
        let hint =
            CurlOption.suggestion(for: name).map { "did you mean \($0)?" }
            ?? "supported: -H, -X, -d, --data-raw, --data-binary, --data-urlencode, --json, -b, -u, --url, -G, -k, "
            + "--compressed"
        return Failure(offset: word.offset, message: "unsupported curl option \(name) (command \(number))", hint: hint)
    }

    /// "Copy as cURL (cmd)" and PowerShell output are not bash: say so rather than mis-parse them.
    private static func windowsSyntax(_ text: String) -> Failure? {
        if let range = text.range(of: "Invoke-WebRequest") ?? text.range(of: "Invoke-RestMethod") {
            return Failure(
                offset: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound),
                message: "this is PowerShell, not a curl command", hint: "use Copy as cURL (bash) in the browser")
        }
        if text.contains("^\"") || text.contains(" ^\n") || text.contains(" ^\r\n") {
            let at = text.range(of: "^")!.lowerBound
            return Failure(
                offset: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: at),
                message: "this looks like Windows cmd syntax (^ escapes)",
                hint: "use Copy as cURL (bash) in the browser")
        }
        return nil
    }
}
