import Scenario
import Secrets

/// The captures the import adds to source steps, one per (response, place) however many requests use it.
///
/// Every capture is proved before it is used: extracted from the recorded response with the engine's own
/// ``Capture/extract(body:headers:)``, it must read back exactly the recorded value.
struct CaptureRegistry {
    /// Captures by the position of the exchange whose response they read.
    private(set) var captures: [Int: [Capture]] = [:]
    private(set) var correlations: [Correlation] = []
    private var byOrigin: [String: Int] = [:]
    private var names: Set<String> = []

    /// The capture variable for a value from `origin`, creating (and proving) the capture on first use.
    /// `nil` when no capture can read the value back.
    mutating func variable(for origin: ValueOrigin, in exchanges: [RecordedExchange], siteName: String) -> Variable? {
        let key = Self.key(origin)
        if let known = byOrigin[key] {
            correlations[known].uses += 1
            return .capture(correlations[known].capture)
        }
        let exchange = exchanges[origin.position]
        guard let response = exchange.response, let (source, from) = Self.source(origin, response: response) else {
            return nil
        }
        let headers = response.headers.map { (name: $0.name, value: $0.value) }
        let probe = Capture(name: "probe", source: source)
        guard probe.extract(body: response.body.map { Array($0.utf8) }, headers: headers) == origin.raw else {
            return nil
        }
        let path = RecordedURL.parse(exchange.request.url)?.path ?? "/"
        let name = unique(CaptureNaming.name(for: origin.source, requestPath: path, siteName: siteName))
        captures[origin.position, default: []].append(Capture(name: name, source: source))
        byOrigin[key] = correlations.count
        correlations.append(
            Correlation(
                capture: name, sourceStep: "", from: from, shown: SecretRules.shown(origin.raw, name: siteName), uses: 1
            ))
        sourcePositions.append(origin.position)
        return .capture(name)
    }

    /// The source position of each correlation, in the same order.
    private(set) var sourcePositions: [Int] = []

    /// Names each correlation's source step (known only once the flow is laid out).
    mutating func nameSources(_ stepName: (Int) -> String) {
        for i in correlations.indices { correlations[i].sourceStep = stepName(sourcePositions[i]) }
    }

    private static func source(_ origin: ValueOrigin, response: RecordedResponse) -> (CaptureSource, String)? {
        switch origin.source {
        case .json(let path): return (.json(path), path.text)
        case .header(let name): return (.header(name), "header \(name)")
        case .setCookie(let name): return (.cookie(name), "cookie \(name)")
        case .text:
            guard let body = response.body, let pattern = TextCapture.pattern(for: origin.raw, in: body) else {
                return nil
            }
            return (.regex(pattern), "regex '\(pattern)'")
        }
    }

    private static func key(_ origin: ValueOrigin) -> String {
        switch origin.source {
        case .json(let path): "\(origin.position) json \(path.text)"
        case .header(let name): "\(origin.position) header \(name.lowercased())"
        case .setCookie(let name): "\(origin.position) cookie \(name)"
        case .text: "\(origin.position) text \(origin.raw)"
        }
    }

    private mutating func unique(_ base: String) -> String {
        let name = UniqueName.make(base, isTaken: names.contains)
        names.insert(name)
        return name
    }
}
