/// One piece of a threshold expression, as ``ThresholdTokenizer`` cuts it.
struct ThresholdToken: Equatable {
    enum Kind: Equatable {
        /// A run of anything but spaces, `( ) , :`, quotes and operator characters: `p95`, `dashboard`, `800ms`.
        case word(String)
        /// A `"…"` or `'…'` string, without its quotes.
        case quoted(String)
        case open, close, comma, colon
        case op(ThresholdOperator)
    }

    var kind: Kind
    /// Offset in characters from the start of the expression.
    var offset: Int

    /// How the token reads in an error message.
    var shown: String {
        switch kind {
        case .word(let w): "\"\(w)\""
        case .quoted(let q): "\"\(q)\""
        case .open: "\"(\""
        case .close: "\")\""
        case .comma: "\",\""
        case .colon: "\":\""
        case .op(let o): "\"\(o.rawValue)\""
        }
    }
}
