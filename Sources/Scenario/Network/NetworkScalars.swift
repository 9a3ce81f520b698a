import Yams

/// Typed reads for network conditions: round trips, rates, byte counts and probabilities, each failing with a
/// located error whose hint suggests the fix (`add a unit, e.g. 100ms`).
extension YAMLValue {
    /// The last component of the field path, for messages: `rtt`, `after`, `probability`.
    var fieldName: String {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return last.isEmpty ? "value" : last
    }

    /// A non-negative duration with a unit; a bare number gets the hint "add a unit, e.g. 100ms".
    func networkDuration() throws(ScenarioError) -> Duration {
        guard case .scalar(let scalar) = node, !isNull else { throw typeError("a duration such as 100ms") }
        let text = scalar.string
        if text.hasPrefix("-") {
            throw error("\(fieldName) cannot be negative, found \(text)", hint: "write 0ms or more, e.g. 100ms")
        }
        if Double(text) != nil {
            throw error(
                "bad duration \"\(text)\" — expected a number with a unit", hint: "add a unit, e.g. \(text)ms")
        }
        let duration = try duration()
        guard duration <= InputLimits.maxWait else {
            throw error(
                "\(fieldName) \(duration.shortText) is longer than the limit of \(InputLimits.maxWait.shortText)")
        }
        return duration
    }

    /// A positive duration with a unit (`slow_close`, `spike`).
    func positiveNetworkDuration() throws(ScenarioError) -> Duration {
        let duration = try networkDuration()
        guard duration > .zero else { throw error("\(fieldName) must be longer than 0ms", hint: "e.g. 300ms") }
        return duration
    }

    /// A rate in bits per second (`1600kbit`, `10mbit`), or `nil` for `unlimited`.
    func rate() throws(ScenarioError) -> Int? {
        guard case .scalar(let scalar) = node, !isNull else { throw typeError("a rate such as 1600kbit") }
        do {
            return try RateText.parseOrExplain(scalar.string)
        } catch {
            throw self.error(error.message, hint: error.hint)
        }
    }

    /// A whole number of bytes, 0 or more.
    func byteCount() throws(ScenarioError) -> Int {
        if case .scalar(let scalar) = node, scalar.string.hasPrefix("-") {
            throw error("\(fieldName) cannot be negative, found \(scalar.string)", hint: "a number of bytes, e.g. 500")
        }
        guard case .scalar(let scalar) = node, tagName == Tag.Name.int.rawValue, let value = Int(scalar.string)
        else { throw typeError("a number of bytes", hint: "write the bytes without a unit, e.g. 500") }
        return value
    }

    /// A probability from 0 to 1.
    func probability() throws(ScenarioError) -> Double {
        let hint = "write a number from 0 to 1, e.g. 0.05 for 5%"
        guard case .scalar(let scalar) = node, !isNull,
            [Tag.Name.int.rawValue, Tag.Name.float.rawValue].contains(tagName), let value = Double(scalar.string)
        else { throw typeError("a probability from 0 to 1", hint: hint) }
        guard (0...1).contains(value) else {
            throw error("probability must be between 0 and 1, found \(scalar.string)", hint: hint)
        }
        return value
    }
}
