import Scenario

/// A recorded request on its way to becoming a flow step: every part the import may rewrite is a
/// ``Template``, starting as the recorded text.
struct DraftRequest {
    /// Position in the list of kept exchanges (recorded order).
    var position: Int
    var method: String
    /// The environment variable holding this request's origin; `nil` for the main origin (a relative path).
    var originVariable: String?
    /// The path split at `/` (the first segment is empty for the leading slash), as recorded.
    var path: [Template]
    /// Replaces path and query when the whole URL came from an earlier response (`Location`).
    var urlOverride: Template?
    var query: DraftQuery
    var headers: [DraftField]
    var body: DraftBody?
}

/// A named value: a header, a query parameter, a form field.
struct DraftField {
    var name: String
    var value: Template
}

/// The query: parameters when they round-trip through the engine's encoding, else the recorded text in
/// pieces (whose values are still rewritten, keeping the recorded bytes around them).
enum DraftQuery {
    case none
    case items([DraftField])
    case raw([RawQueryPair])
}

/// A request body being rewritten.
enum DraftBody {
    /// A JSON document, with the recorded content type (`nil` when none was recorded).
    case json(DraftJSON, contentType: String?)
    case form([DraftField])
    case raw(Template, contentType: String?)
}

/// A JSON body whose leaves may become templates. A number that becomes a template stays a number when sent
/// (see ``DraftBody`` rendering in `FlowAssembly`).
indirect enum DraftJSON {
    case value(JSONValue)
    case template(Template, wasNumber: Bool)
    case array([DraftJSON])
    case object([(String, DraftJSON)])
}
