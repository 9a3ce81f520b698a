/// Gathers the errors of independent parts of a file (top-level keys, steps, template checks), so one `validate`
/// names every mistake instead of the first; a part whose error makes later checks meaningless stops those.
struct ErrorCollector {
    /// More than this many errors is noise; the rest are counted.
    static let limit = 20
    private(set) var errors: [ScenarioError] = []

    var isEmpty: Bool { errors.isEmpty }

    /// The value of `body`, or `nil` with its error (and the errors it carried) kept.
    mutating func attempt<T>(_ body: () throws(ScenarioError) -> T) -> T? {
        do {
            return try body()
        } catch {
            add(error)
            return nil
        }
    }

    /// The error `body` throws, or `nil`.
    static func catching(_ body: () throws(ScenarioError) -> Void) -> ScenarioError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    mutating func add(_ error: ScenarioError) {
        var first = error
        first.others = []
        errors.append(first)
        errors += error.others
    }

    /// Throws the first error carrying the others (at most ``limit`` in all); returns when there is none.
    func finish() throws(ScenarioError) {
        guard var first = errors.first else { return }
        first.others = Array(errors.dropFirst().prefix(Self.limit - 1))
        if errors.count > Self.limit {
            first.others.append(
                ScenarioError(
                    file: first.file, message: "\(errors.count - Self.limit) more errors not shown",
                    hint: "fix these first"))
        }
        throw first
    }
}

extension ErrorCollector {
    /// One error per key of `map` that is not in `allowed` (with its "did you mean").
    mutating func checkKeys(_ map: YAMLMap, allowed: [String]) {
        for entry in map.entries where !allowed.contains(entry.key) {
            add(entry.keyNode.unknownKey(entry.key, allowed: allowed))
        }
    }
}
