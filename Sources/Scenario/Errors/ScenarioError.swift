/// A problem in a profile, flow or CSV file, located like a compiler diagnostic.
///
/// `description` renders as
/// `Profiles/demo.yaml:12:5: error: load.duration: bad duration "30" — expected a number with a unit`
/// followed by `\n  hint: …` when there is a hint, then the ``others`` found in the same load, one after the
/// other. Messages never contain secret values (role field values, environment values); they name fields and
/// variables instead.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the problem is in, as the user named it (or as resolved relative to the profile).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The dotted field path, e.g. `roles.user.fields.email` or `steps[2].headers.Authorization`.
    public var field: String
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is a useful suggestion.
    public var hint: String?
    /// Further problems found in the same load, where the loader could go on (other keys, other steps); shown
    /// after this one.
    public var others: [ScenarioError] = []

    /// Creates an error; leave `line`/`column` `nil` when the place in the file is unknown.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, field: String = "", message: String,
        hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// Creates an error at a source location (or at the start of `file` when the location is unknown).
    public init(at location: SourceLocation?, file: String, field: String, message: String, hint: String? = nil) {
        self.init(
            file: location?.file ?? file, line: location?.line, column: location?.column, field: field,
            message: message, hint: hint)
    }

    /// The location, when the line is known.
    public var location: SourceLocation? {
        line.map { SourceLocation(file: file, line: $0, column: column ?? 1) }
    }

    /// `file:line:column: error: field: message`, then `  hint: …` on a second line when there is a hint.
    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        var text = "\(place): error: "
        if !field.isEmpty { text += "\(field): " }
        text += message
        if let hint { text += "\n  hint: \(hint)" }
        for other in others { text += "\n" + other.description }
        return text
    }
}
