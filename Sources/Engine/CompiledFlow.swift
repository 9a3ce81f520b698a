import CurlURL
import Metrics
import Scenario

/// A flow made ready to execute: URLs joined to the base, headers merged, series indices assigned.
public struct CompiledFlow: Sendable {
    public var name: String
    public var steps: [CompiledStep]
    public var continueOnFailure: Bool
    /// Captures whose values are credentials (see `secretCaptures(of:)`): learned as secrets when captured.
    public var secretCaptures: Set<String> = []
}

public enum CompiledStep: Sendable {
    case request(CompiledRequest)
    /// Requests sent at once; `seriesByRole` indexes the group's series in the catalog.
    case group(requests: [CompiledRequest], seriesByRole: [Int])
    case think(ThinkTime)
}

/// One request step made ready to execute. A class: a user holds the one it is sending per slot, and copying a
/// struct of this many strings and arrays cost a dozen reference-count operations each time.
public final class CompiledRequest: Sendable {
    public let step: RequestStep
    /// The URL without query: base URL + path, or the step's absolute URL; may hold templates.
    public let url: Template
    /// Flow headers merged with the step's (the step wins on a name clash).
    public let headers: [Header]
    /// The whole URL when nothing in it varies, so the hot path builds no string.
    public let fixedURL: String?
    /// The header lines when no header value varies (the same array each time, so the transport's cache hits).
    public let fixedHeaderLines: [String]?
    /// Whether a header sets the content type (else the body's own type is added).
    public let setsContentType: Bool
    /// The step's series in the catalog, per role index.
    public let seriesByRole: [Int]
    /// The step names its expected status, so a 4xx/5xx it expects is not an error.
    public let checksStatus: Bool
    /// The base URL to join at run time, when the URL starts with a placeholder (absolute or not is unknown).
    public let runtimeBase: String?
    /// Whether the URL's host must be checked against the allow-list at run time: it holds templates, or it is
    /// a literal URL the allow-list refuses (the loader refuses those; a plan built in code is checked here).
    public let needsHostCheck: Bool
    /// The `Accept-Encoding` the flow sets (what the recorded browser sent), handed to libcurl so it decodes the
    /// response; nil: the target's.
    public let acceptEncoding: String?
    /// The flow sets its own `traceparent`: the engine leaves it as it is.
    public let setsTraceParent: Bool

    init(
        step: RequestStep, url: Template, headers: [Header], fixedURL: String?, fixedHeaderLines: [String]?,
        setsContentType: Bool, seriesByRole: [Int], checksStatus: Bool, runtimeBase: String?, needsHostCheck: Bool,
        acceptEncoding: String?, setsTraceParent: Bool
    ) {
        self.step = step
        self.url = url
        self.headers = headers
        self.fixedURL = fixedURL
        self.fixedHeaderLines = fixedHeaderLines
        self.setsContentType = setsContentType
        self.seriesByRole = seriesByRole
        self.checksStatus = checksStatus
        self.runtimeBase = runtimeBase
        self.needsHostCheck = needsHostCheck
        self.acceptEncoding = acceptEncoding
        self.setsTraceParent = setsTraceParent
    }
}

/// Builds the series catalog while compiling flows.
struct CatalogBuilder {
    let roles: [String]
    let scenarioNames: [String]
    /// Per role its own spinner limit, if any, and the run's: a wait's limit is its step's or group's, else its
    /// role's, else the run's.
    var roleSpinners: [Duration?] = []
    var runSpinner: Duration = .seconds(3)
    /// The scenario whose flows are being compiled (index into `scenarioNames`).
    var scenario = 0
    var catalog: SeriesCatalog

    init(roles: [String], scenarios: [String]) {
        self.roles = roles
        scenarioNames = scenarios
        catalog = SeriesCatalog(scenarios: scenarios)
    }

    /// A wait's own spinner limit in ms, nil when it is the run's.
    private func spinnerMs(_ own: Duration?, role: Int) -> Int? {
        guard let limit = own ?? (roleSpinners.indices.contains(role) ? roleSpinners[role] : nil), limit != runSpinner
        else { return nil }
        return limit.micros / 1000
    }

    mutating func compile(_ flow: Flow, baseURL: String, allowList: HostAllowList) -> CompiledFlow {
        let steps = flow.steps.map { step -> CompiledStep in
            switch step {
            case .request(let r):
                return .request(compile(r, flow: flow, group: nil, baseURL: baseURL, allowList: allowList))
            case .group(let g):
                let requests = g.requests.map {
                    compile($0, flow: flow, group: g.name, baseURL: baseURL, allowList: allowList)
                }
                let series = roles.indices.map { role in
                    catalog.groups.append(
                        .init(
                            scenario: scenarioNames[scenario], flow: flow.name, group: g.name, role: roles[role],
                            spinnerMs: spinnerMs(g.spinner, role: role)))
                    return catalog.groups.count - 1
                }
                return .group(requests: requests, seriesByRole: series)
            case .think(let t):
                return .think(t)
            }
        }
        return CompiledFlow(
            name: flow.name, steps: steps, continueOnFailure: flow.continueOnFailure,
            secretCaptures: CompiledFlow.secretCaptures(of: flow))
    }

    private mutating func compile(
        _ r: RequestStep, flow: Flow, group: String?, baseURL: String, allowList: HostAllowList
    ) -> CompiledRequest {
        let series = roles.indices.map { role in
            catalog.steps.append(
                .init(
                    scenario: scenarioNames[scenario], flow: flow.name, step: r.name, group: group, role: roles[role],
                    method: r.method, spinnerMs: group == nil ? spinnerMs(r.spinner, role: role) : nil))
            return catalog.steps.count - 1
        }
        let url = r.url.joined(toBase: baseURL)
        let fixed = url.isLiteral && r.query.isEmpty ? url.render { _ in nil } : nil
        let checksStatus = r.checks.contains { if case .status = $0 { true } else { false } }
        var headers = HeaderMerge.merge(flow.headers, r.headers)
        // A literal Accept-Encoding goes to libcurl, which sends it and decodes what comes back.
        let encoding = headers.first { $0.name.lowercased() == "accept-encoding" && $0.value.isLiteral }
        headers.removeAll { $0.name.lowercased() == "accept-encoding" && $0.value.isLiteral }
        let fixedLines =
            headers.allSatisfy(\.value.isLiteral)
            ? headers.map { "\($0.name): \($0.value.render { _ in nil })" } : nil
        return CompiledRequest(
            step: r, url: url, headers: headers, fixedURL: fixed, fixedHeaderLines: fixedLines,
            setsContentType: headers.contains { $0.name.lowercased() == "content-type" },
            seriesByRole: series, checksStatus: checksStatus,
            runtimeBase: url.parts.first.map { if case .variable = $0 { baseURL } else { nil } } ?? nil,
            needsHostCheck: !url.isLiteral || allowList.refusal(for: url.render { _ in nil }) != nil,
            acceptEncoding: encoding.map { $0.value.render { _ in nil } },
            setsTraceParent: headers.contains { $0.name.lowercased() == "traceparent" })
    }
}
