/// One colour per role, the same in every chart and table of a page: the Okabe–Ito palette, chosen to stay
/// distinguishable for the common colour-vision deficiencies and on light and dark backgrounds alike. Colour is
/// never the only cue: every line and bar is also named in a legend or a label.
struct RolePalette: Sendable {
    /// Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, grey.
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#8C8C8C"]

    private let roles: [String]

    /// Roles get colours in the run's role order; a role the run did not list (an older run) gets the next ones.
    init(roles: [String]) {
        self.roles = roles
    }

    func color(_ role: String) -> String {
        let index = roles.firstIndex(of: role) ?? (roles.count + abs(role.hashValueStable) % Self.colors.count)
        return Self.colors[index % Self.colors.count]
    }

    /// A role's name with its colour's swatch, for tables.
    func chip(_ role: String) -> String {
        "<span class=\"role\" style=\"--role:\(color(role))\">\(HTMLText.escape(role))</span>"
    }
}

/// Colours of the request phases (Paul Tol's "light" scheme, also colour-blind safe), in phase order.
enum PhasePalette {
    static let colors: [String: String] = [
        "queue": "#BBBBBB", "dns": "#99DDFF", "connect": "#44BB99", "tls": "#BBCC33", "ttfb": "#EEDD88",
        "transfer": "#EE8866",
    ]
    /// What each phase is, for legends.
    static let names: [String: String] = [
        "queue": "queue (issued → sent)", "dns": "DNS", "connect": "connect", "tls": "TLS",
        "ttfb": "first byte", "transfer": "transfer",
    ]
}

/// Verdict colours: always beside a word and a sign (✓, ✗, ⚠), never alone.
enum VerdictColor {
    static let pass = "#009E73"
    static let fail = "#D55E00"
    static let warn = "#E69F00"
    static let neutral = "#8C8C8C"
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process), so a page renders the
    /// same twice.
    var hashValueStable: Int {
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in utf8 {
            h ^= UInt64(b)
            h = h &* 1_099_511_628_211
        }
        return Int(truncatingIfNeeded: h >> 1)
    }
}
