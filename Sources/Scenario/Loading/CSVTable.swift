/// A CSV file as rows of fields (RFC 4180: `,` separators, `"…"` quoting with `""` for a quote, line breaks
/// inside quotes). The first non-blank row is the header. Blank lines are skipped.
struct CSVTable {
    var header: [String]
    /// Data rows with the 1-based line each starts on.
    var rows: [(line: Int, fields: [String])]

    /// A problem at a line of the file.
    struct Problem: Error {
        var line: Int
        var message: String
    }

    /// Parses `text`; `nil` when the file holds no rows at all.
    static func parse(_ text: String) throws(Problem) -> CSVTable? {
        var records = try records(in: text)
        guard !records.isEmpty else { return nil }
        let header = records.removeFirst().fields.map { $0.trimmingCharacters(in: " ") }
        return CSVTable(header: header, rows: records)
    }

    /// All non-blank records with their starting lines.
    static func records(in text: String) throws(Problem) -> [(line: Int, fields: [String])] {
        var reader = RecordReader()
        for character in text where !(reader.atStart && character == "\u{FEFF}") {
            reader.consume(character)
        }
        if reader.inQuotes { throw Problem(line: reader.recordLine, message: "a quoted field is never closed") }
        reader.endRecord()
        return reader.records
    }
}

/// The character-by-character state of the CSV reader.
private struct RecordReader {
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var fieldWasQuoted = false
    var inQuotes = false
    var pendingQuote = false
    var line = 1
    var recordLine = 1
    var atStart = true

    mutating func consume(_ c: Character) {
        atStart = false
        if pendingQuote {
            pendingQuote = false
            if c == "\"" {
                field.append("\"")
                return
            }
            inQuotes = false
        }
        if inQuotes {
            if c == "\"" { pendingQuote = true } else { field.append(c) }
            if c.isNewline { line += 1 }
            return
        }
        switch c {
        case "\"" where field.isEmpty && !fieldWasQuoted:
            inQuotes = true
            fieldWasQuoted = true
        case ",": endField()
        case "\n", "\r\n", "\r":
            endRecord()
            line += 1
            recordLine = line
        default: field.append(c)
        }
    }

    mutating func endField() {
        fields.append(field)
        field = ""
        fieldWasQuoted = false
    }

    mutating func endRecord() {
        if pendingQuote {
            pendingQuote = false
            inQuotes = false
        }
        let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
        if !blank {
            endField()
            records.append((recordLine, fields))
        }
        fields = []
        field = ""
        fieldWasQuoted = false
    }
}
