import CurlURL
import Scenario

extension Template {
    /// The step URL joined to the base URL (``URLJoin``): an absolute URL stays as is; a path is appended to
    /// the base URL with exactly one `/` between. A URL that starts with a placeholder is left alone: only its
    /// rendered text tells (`CompiledRequest.runtimeBase`).
    func joined(toBase base: String) -> Template {
        guard case .literal(let first)? = parts.first, !URLJoin.isAbsolute(first) else { return self }
        return Template(parts: [.literal(URLJoin.join(base: base, relative: first))] + parts.dropFirst())
    }
}
