import Scenario

/// Names for captures: `access_token` from `$.access_token`, `task_id` from `$.tasks[0].id`, `etag` from the
/// `ETag` header — snake case, unique in the flow, never a reserved name.
enum CaptureNaming {
    /// Keys too generic to name a capture alone; the parent's name goes in front (`task_id`).
    private static let generic: Set<String> = ["id", "uuid", "key", "value", "code", "slug", "name", "ref"]
    private static let reserved: Set<String> = ["vu", "iteration", "env", "role"]

    /// The preferred name for a value from `source`, read from a response to `requestPath`.
    static func name(for source: ValueOrigin.Source, requestPath: String, siteName: String) -> String {
        switch source {
        case .json(let path): return jsonName(path, requestPath: requestPath)
        case .header(let name): return snake(name)
        case .setCookie(let name): return snake(name)
        case .text:
            let site = snake(siteName)
            return ["path", "body", ""].contains(site) ? "token" : site
        }
    }

    private static func jsonName(_ path: JSONPath, requestPath: String) -> String {
        let keys = path.components.compactMap { if case .key(let k) = $0 { k } else { nil } }
        guard let leaf = keys.last else { return resource(requestPath) ?? "value" }
        let name = snake(leaf)
        guard generic.contains(name) else { return name }
        if let parent = keys.dropLast().last(where: {
            !generic.contains(snake($0)) && !["data", "result", "results"].contains(snake($0))
        }) {
            return singular(snake(parent)) + "_" + name
        }
        return (resource(requestPath).map { $0 + "_" } ?? "") + name
    }

    /// The last word of a path, singular: `/api/dashboard/tasks` → `task`.
    private static func resource(_ path: String) -> String? {
        let words = path.split(separator: "/").map(String.init).filter {
            !$0.isEmpty && !$0.allSatisfy(\.isNumber) && $0.first!.isLetter && !$0.contains("{")
        }
        return words.last.map { singular(snake($0)) }
    }

    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    /// `accessToken` → `access_token`, `X-Request-Id` → `x_request_id`.
    static func snake(_ text: String) -> String {
        var out = ""
        var previousLower = false
        for scalar in text.unicodeScalars {
            let isUpper = ("A"..."Z").contains(scalar)
            let isAlnum = isUpper || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlnum {
                if isUpper, previousLower { out += "_" }
                out += String(scalar).lowercased()
                previousLower = !isUpper
            } else {
                if !out.isEmpty, !out.hasSuffix("_") { out += "_" }
                previousLower = false
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "value" }
        if out.first!.isNumber { out = "v_" + out }
        return reserved.contains(out) ? out + "_value" : out
    }
}
