/// An ordered list of steps that one virtual user walks through per iteration: what a real user does.
public struct Flow: Sendable, Equatable, Codable {
    /// The flow's name, used in reports (defaults to the file name without extension).
    public var name: String
    /// Headers sent with every request of the flow (a step's own headers override them).
    public var headers: [Header]
    /// The steps, in order.
    public var steps: [Step]
    /// When `false` (the default) a failed request ends the iteration, as a broken page would stop a user.
    public var continueOnFailure: Bool
    /// Where the flow came from, for error messages.
    public var source: SourceLocation?

    public init(
        name: String, headers: [Header] = [], steps: [Step], continueOnFailure: Bool = false,
        source: SourceLocation? = nil
    ) {
        self.name = name
        self.headers = headers
        self.steps = steps
        self.continueOnFailure = continueOnFailure
        self.source = source
    }
}

extension Flow {
    /// The names of the flow's waits: its request steps (in groups too) and its groups.
    public var waitNames: [String] {
        steps.flatMap { step -> [String] in
            switch step {
            case .request(let r): [r.name]
            case .group(let g): [g.name] + g.requests.map(\.name)
            case .think: []
            }
        }
    }
}

/// One entry of a flow: a request, a group of requests sent in parallel, or a pause.
public enum Step: Sendable, Equatable, Codable {
    case request(RequestStep)
    case group(GroupStep)
    case think(ThinkTime)
}

/// Requests a browser fires at once (a dashboard loading its widgets); the group's time is what the user waits.
public struct GroupStep: Sendable, Equatable, Codable {
    public var name: String
    public var requests: [RequestStep]
    /// This group's spinner limit (`spinner:`), instead of the role's or `timeouts.spinner`.
    public var spinner: Duration?
    public var source: SourceLocation?

    public init(name: String, requests: [RequestStep], spinner: Duration? = nil, source: SourceLocation? = nil) {
        self.name = name
        self.requests = requests
        self.spinner = spinner
        self.source = source
    }
}

/// A pause between steps: fixed, or drawn uniformly from a range.
public struct ThinkTime: Sendable, Equatable, Codable {
    public var minimum: Duration
    public var maximum: Duration

    public init(minimum: Duration, maximum: Duration) {
        self.minimum = minimum
        self.maximum = maximum
    }

    public static func fixed(_ d: Duration) -> ThinkTime { ThinkTime(minimum: d, maximum: d) }
}
