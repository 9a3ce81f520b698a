/// A plain monospaced table: left-aligned first columns, right-aligned numbers.
///
/// A row with fewer cells than the header ends in a note: its last cell runs on from its column to the end of
/// the line (`tasks  admin  0  never reached — …`) and does not widen that column.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns from this index on are right-aligned.
    var firstNumericColumn: Int
    /// Numeric columns that may be left out, in this order, when shortening names is not enough to fit a width.
    var droppable: [Int] = []
    /// The narrowest a text column is cut to when the table must fit a width.
    static let minimumTextWidth = 12

    /// The table; with `maxWidth`, text columns (step and group names, roles) are shortened in the middle, widest
    /// first, to twice ``minimumTextWidth``, then ``droppable`` columns are left out, then names are cut down to
    /// ``minimumTextWidth``, until the table fits. Numbers are never cut.
    func render(maxWidth: Int? = nil) -> String {
        var widths = header.indices.map { c in
            ([header] + rows).filter { $0.count == header.count || c < $0.count - 1 }.map { $0[c].count }.max() ?? 0
        }
        var shown = Array(header.indices)
        if let maxWidth {
            // Names keep a readable length while there are figures to spare, then are cut to the minimum.
            Self.fit(
                &widths, shown: shown, textColumns: firstNumericColumn, into: maxWidth,
                minimum: 2 * Self.minimumTextWidth)
            for column in droppable where Self.lineWidth(widths, shown) > maxWidth {
                shown.removeAll { $0 == column }
            }
            Self.fit(
                &widths, shown: shown, textColumns: firstNumericColumn, into: maxWidth, minimum: Self.minimumTextWidth)
        }
        return ([header] + rows).map { row in
            let isShort = row.count < header.count
            let columns = isShort ? shown.filter { $0 < row.count - 1 } + [row.count - 1] : shown
            return columns.map { c in
                let cell = row[c]
                let text = c < firstNumericColumn ? Self.shortened(cell, to: widths[c]) : cell
                if isShort && c == row.count - 1 { return text }
                let pad = String(repeating: " ", count: max(0, widths[c] - text.count))
                return c >= firstNumericColumn ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    private static func lineWidth(_ widths: [Int], _ shown: [Int]) -> Int {
        shown.reduce(2 * max(0, shown.count - 1)) { $0 + widths[$1] }
    }

    /// Narrows the widest text columns one character at a time until the line fits `maxWidth`.
    private static func fit(_ widths: inout [Int], shown: [Int], textColumns: Int, into maxWidth: Int, minimum: Int) {
        var excess = lineWidth(widths, shown) - maxWidth
        while excess > 0 {
            let candidates = widths.indices.prefix(textColumns).filter { widths[$0] > minimum }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
            widths[widest] -= 1
            excess -= 1
        }
    }

    /// `parallel: dash…/dashboard_stats`: the start and the end of `text` around an ellipsis, `width` long.
    static func shortened(_ text: String, to width: Int) -> String {
        guard text.count > width, width >= 3 else { return text }
        let tail = (width - 1) / 2
        let head = width - 1 - tail
        return String(text.prefix(head)) + "…" + String(text.suffix(tail))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
