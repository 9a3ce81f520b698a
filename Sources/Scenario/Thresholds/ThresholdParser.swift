/// Reads one threshold expression: `METRIC [ ( TAG:VALUE {, TAG:VALUE} ) ] OP VALUE`, e.g.
/// `p95(group:dashboard, role:user) < 800ms`, `error_rate < 1%`, `rate(role:admin) > 10/s`, `timeouts == 0`.
///
/// - METRIC: `p50 p90 p95 p99 p99.9 max mean` (latency), `requests`, `rate`, `failed`, `error_rate`,
///   `timeouts`, `timeout_rate`, `spinner_rate`, `checks`, `dropped_iterations` (see ``ThresholdMetric``).
/// - TAG: `step`, `group`, `role`, `flow`, `scenario`, each at most once; a VALUE with spaces, commas, colons or
///   parentheses is quoted, `step:"GET /api/me"`.
/// - OP: `<`, `<=`, `>`, `>=`, `==`, `!=`.
/// - VALUE: in the metric's unit (``ThresholdValue``).
///
/// Whether the tag values name steps, groups, roles and flows of a profile is ``ThresholdNames``' job.
public enum ThresholdParser {
    public static func parse(_ text: String) throws(ParseFailure) -> Threshold {
        let expression = text.trimmingWhitespace
        var cursor = Cursor(tokens: try ThresholdTokenizer.tokens(expression))
        let metric = try self.metric(&cursor)
        let filters = try self.filters(&cursor)
        guard case .op(let op)? = cursor.peek?.kind else {
            if case .word? = cursor.peek?.kind, cursor.peek(1)?.kind == .colon {
                throw ParseFailure(
                    "filters go in parentheses right after the metric", hint: "e.g. p95(role:user) < 800ms")
            }
            let found = cursor.peek.map { ", found \($0.shown)" } ?? ""
            throw ParseFailure(
                "missing operator after \(describe(metric, filters))\(found)",
                hint: "compare with \(ThresholdTokenizer.operatorList), e.g. \(example(metric))")
        }
        cursor.next()
        guard case .word(let word)? = cursor.peek?.kind else {
            let found = cursor.peek.map { ", found \($0.shown)" } ?? ""
            throw ParseFailure("missing value after \"\(op.rawValue)\"\(found)", hint: "e.g. \(example(metric))")
        }
        cursor.next()
        if let extra = cursor.peek {
            throw ParseFailure(
                "unexpected \(extra.shown) after the value \"\(word)\"",
                hint: "one comparison per threshold; add another line")
        }
        let value = try ThresholdValue.parse(word, for: metric)
        return Threshold(text: expression, metric: metric, filters: filters, op: op, value: value)
    }

    private static func metric(_ cursor: inout Cursor) throws(ParseFailure) -> ThresholdMetric {
        let names = ThresholdMetric.allCases.map(\.rawValue)
        guard case .word(let name)? = cursor.peek?.kind else {
            let found = cursor.peek.map { " before \($0.shown)" } ?? ""
            throw ParseFailure(
                "missing metric\(found)",
                hint: "start with a metric, e.g. p95 < 800ms; metrics: " + names.joined(separator: ", "))
        }
        cursor.next()
        if let metric = ThresholdMetric(rawValue: name.lowercased()) { return metric }
        let isPercentile = name.hasPrefix("p") && ThresholdValue.number(String(name.dropFirst())) != nil
        let hint =
            isPercentile
            ? "the percentiles are p50, p90, p95, p99 and p99.9"
            : Suggestions.didYouMean(name, in: names) ?? "metrics: " + names.joined(separator: ", ")
        throw ParseFailure("unknown metric \"\(name)\"", hint: hint)
    }

    /// The optional `( TAG:VALUE, … )`.
    private static func filters(_ cursor: inout Cursor) throws(ParseFailure) -> [ThresholdFilter] {
        if cursor.peek?.kind == .close {
            throw ParseFailure("\")\" without \"(\"", hint: "filters read e.g. p95(role:user) < 800ms")
        }
        guard cursor.peek?.kind == .open else { return [] }
        cursor.next()
        if cursor.peek?.kind == .close {
            throw ParseFailure("empty parentheses", hint: "name a filter, e.g. (role:user), or drop the parentheses")
        }
        var filters: [ThresholdFilter] = []
        while true {
            let filter = try self.filter(&cursor)
            if filters.contains(where: { $0.tag == filter.tag }) {
                throw ParseFailure(
                    "\(filter.tag.rawValue) is given twice", hint: "one value per tag; write one threshold for each")
            }
            filters.append(filter)
            switch cursor.peek?.kind {
            case .comma?: cursor.next()
            case .close?:
                cursor.next()
                return filters
            case nil, .op?:
                throw ParseFailure("missing \")\" after the filters", hint: "close them, e.g. p95(role:user) < 800ms")
            case .some:
                throw ParseFailure(
                    "expected \",\" or \")\" after \(filter.tag.rawValue):\(filter.value), found \(cursor.peek!.shown)",
                    hint: "quote values with spaces, e.g. step:\"GET /api/me\"")
            }
        }
    }

    /// One `TAG:VALUE`.
    private static func filter(_ cursor: inout Cursor) throws(ParseFailure) -> ThresholdFilter {
        let tags = ThresholdTag.allCases.map(\.rawValue)
        guard case .word(let name)? = cursor.peek?.kind else {
            let found = cursor.peek.map { "found \($0.shown)" } ?? "found the end"
            throw ParseFailure("expected TAG:VALUE in the parentheses, \(found)", hint: "e.g. (role:user, step:login)")
        }
        cursor.next()
        guard cursor.peek?.kind == .colon else {
            if ThresholdTag(rawValue: name) == nil {
                throw ParseFailure(
                    "expected TAG:VALUE, found \"\(name)\"", hint: "name the tag, e.g. role:\(name) or step:\(name)")
            }
            throw ParseFailure("missing \":\" after \(name)", hint: "e.g. \(name):VALUE")
        }
        guard let tag = ThresholdTag(rawValue: name.lowercased()) else {
            throw ParseFailure(
                "unknown tag \"\(name)\"",
                hint: Suggestions.didYouMean(name, in: tags) ?? "tags: " + tags.joined(separator: ", "))
        }
        cursor.next()
        switch cursor.peek?.kind {
        case .word(let value)?, .quoted(let value)?:
            guard !value.isEmpty else { throw ParseFailure("empty value for \(name)") }
            cursor.next()
            return ThresholdFilter(tag, value)
        default:
            let found = cursor.peek.map { "found \($0.shown)" } ?? "found the end"
            throw ParseFailure(
                "missing value after \(name):, \(found)", hint: "e.g. \(name):NAME, quoted when it has spaces")
        }
    }

    private static func describe(_ metric: ThresholdMetric, _ filters: [ThresholdFilter]) -> String {
        "\"\(metric.rawValue)" + (filters.isEmpty ? "" : "(…)") + "\""
    }

    /// A complete example for the metric, for hints.
    static func example(_ metric: ThresholdMetric) -> String {
        switch metric.kind {
        case .latency: "\(metric.rawValue) < 800ms"
        case .fraction: "\(metric.rawValue) < 1%"
        case .perSecond: "\(metric.rawValue) > 10/s"
        case .count: "\(metric.rawValue) == 0"
        }
    }

    /// Reads tokens front to back.
    struct Cursor {
        let tokens: [ThresholdToken]
        var index = 0

        var peek: ThresholdToken? { peek(0) }
        func peek(_ ahead: Int) -> ThresholdToken? { index + ahead < tokens.count ? tokens[index + ahead] : nil }
        mutating func next() { index += 1 }
    }
}

extension String {
    /// Without leading and trailing whitespace (Foundation-free).
    var trimmingWhitespace: String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<max(start, end)])
    }
}
