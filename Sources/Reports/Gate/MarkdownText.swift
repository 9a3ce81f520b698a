/// Escaping for GitHub-flavoured Markdown table cells.
enum MarkdownText {
    /// Inline code that survives a table cell: `|` escaped, backticks fenced by a longer run, newlines as spaces.
    static func code(_ text: String) -> String {
        let flat = text.replacingAll("\n", with: " ").replacingAll("|", with: "\\|")
        let fence = flat.contains("`") ? "``" : "`"
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Plain text in a table cell: Markdown punctuation that would format or break the table escaped.
    static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": out += "\\\(c)"
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
