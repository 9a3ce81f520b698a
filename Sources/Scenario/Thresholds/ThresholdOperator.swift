/// The comparison of a threshold: `observed OP limit` must hold for the threshold to pass.
public enum ThresholdOperator: String, Sendable, Equatable, Codable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    public func holds(_ observed: Double, _ limit: Double) -> Bool {
        switch self {
        case .less: observed < limit
        case .lessOrEqual: observed <= limit
        case .greater: observed > limit
        case .greaterOrEqual: observed >= limit
        case .equal: observed == limit
        case .notEqual: observed != limit
        }
    }
}
