import Verdicts

/// A table of the page: readable as is (no script needed), sortable by a click on a header when the script runs —
/// numeric columns sort by the value behind the text (`1.2s` after `850ms`), not the text.
struct HTMLTable {
    /// One cell: its text (escaped) or markup, the number it sorts by, and a class (`bad`, `good`, `warn`).
    struct Cell {
        var html: String
        var sort: Double?
        var cls: String?

        init(_ text: String, sort: Double? = nil, cls: String? = nil) {
            html = HTMLText.escape(text)
            self.sort = sort
            self.cls = cls
        }

        init(html: String, sort: Double? = nil, cls: String? = nil) {
            self.html = html
            self.sort = sort
            self.cls = cls
        }

        /// A latency in ms, as the text reports write it.
        static func ms(_ value: Double) -> Cell { Cell(Format.latency(value), sort: value) }

        /// A count, `-` for zero; marked bad when non-zero and `bad` says so.
        static func count(_ n: Int, bad: Bool = false) -> Cell {
            Cell(Format.count(n), sort: Double(n), cls: bad && n > 0 ? "bad" : nil)
        }

        static func number(_ text: String, _ value: Double) -> Cell { Cell(text, sort: value) }
    }

    var columns: [String]
    /// The columns that hold numbers (right-aligned).
    var numeric: Set<Int>
    var rows: [[Cell]] = []
    var sortable = true
    var caption: String?

    init(columns: [String], numeric: some Sequence<Int>) {
        self.columns = columns
        self.numeric = Set(numeric)
    }

    /// Every column from `firstNumericColumn` on holds numbers.
    init(columns: [String], firstNumericColumn: Int) {
        self.init(columns: columns, numeric: firstNumericColumn..<max(columns.count, firstNumericColumn))
    }

    func render() -> String {
        var out = "<div class=\"table-wrap\"><table" + (sortable ? " class=\"sortable\"" : "") + ">"
        if let caption { out += "<caption>\(HTMLText.escape(caption))</caption>" }
        out += "<thead><tr>"
        for (i, column) in columns.enumerated() {
            let numeric = self.numeric.contains(i) ? " class=\"num\"" : ""
            out += "<th scope=\"col\"\(numeric)>\(HTMLText.escape(column))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                var classes = numeric.contains(i) ? ["num"] : []
                if let cls = cell.cls { classes.append(cls) }
                let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                let sort = cell.sort.map { " data-sort=\"\(Self.number($0))\"" } ?? ""
                out += "<td\(cls)\(sort)>\(cell.html)</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// A sort key as short as it can be written.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
