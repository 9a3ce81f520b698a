import Foundation

/// JSON as Rehearsal writes it everywhere (`summary.json`, `histograms.json`, `--json`): snake_case keys, sorted,
/// slashes unescaped; indented, or on one line.
public enum JSONText {
    /// Never fails: a number that JSON cannot hold (NaN, infinity) is written as a string instead.
    public static func encode(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // With non-conforming floats handled, encoding the model's value types cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
