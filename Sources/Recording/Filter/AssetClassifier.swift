/// Tells static assets, beacons and streams from the calls a flow should replay.
///
/// Chrome's `_resourceType` decides when present (`xhr`, `fetch` and `document` are always kept); otherwise
/// the file extension, then the response's MIME type.
enum AssetClassifier {
    static let keptResourceTypes: Set<String> = ["document", "xhr", "fetch"]

    private static let resourceTypeKinds: [String: String] = [
        "script": "script", "stylesheet": "stylesheet", "image": "image", "font": "font", "media": "media",
        "manifest": "manifest", "texttrack": "media", "prefetch": "prefetch", "signed-exchange": "prefetch",
    ]

    private static let extensionKinds: [String: String] = {
        var kinds: [String: String] = [:]
        for e in ["js", "mjs", "cjs", "jsx", "ts"] { kinds[e] = "script" }
        for e in ["css", "less", "scss"] { kinds[e] = "stylesheet" }
        for e in ["png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "tif", "tiff", "apng", "cur"] {
            kinds[e] = "image"
        }
        for e in ["woff", "woff2", "ttf", "otf", "eot"] { kinds[e] = "font" }
        for e in ["mp4", "webm", "mp3", "wav", "ogg", "oga", "m4a", "m4v", "mov", "avi", "flac", "aac", "vtt"] {
            kinds[e] = "media"
        }
        kinds["map"] = "source map"
        kinds["wasm"] = "script"
        kinds["webmanifest"] = "manifest"
        return kinds
    }()

    /// The reason to drop `exchange` for what it is (not where it goes), or `nil` to keep it.
    static func dropReason(_ exchange: RecordedExchange, url: RecordedURL) -> DropReason? {
        let type = exchange.resourceType
        let request = exchange.request
        if type == "websocket" || type == "eventsource" || exchange.response?.status == 101
            || MediaType.essence(exchange.response?.mimeType) == "text/event-stream"
        {
            return .stream
        }
        if type == "ping" || type == "beacon" || type == "csp-violation-report"
            || MediaType.essence(request.header("content-type")) == "text/ping"
        {
            return .beacon
        }
        if type == "preflight"
            || (request.method == "OPTIONS" && request.header("access-control-request-method") != nil)
        {
            return .corsPreflight
        }
        if let type, keptResourceTypes.contains(type) { return nil }
        if let type, let kind = resourceTypeKinds[type] { return .staticAsset(kind: kind) }
        if let kind = extensionKind(url.path) { return .staticAsset(kind: kind) }
        if let kind = mimeKind(exchange.response?.mimeType) { return .staticAsset(kind: kind) }
        return nil
    }

    /// Whether the exchange looks like the page the user opened: the first one tells the main host.
    static func isDocument(_ exchange: RecordedExchange) -> Bool {
        if let type = exchange.resourceType { return type == "document" }
        guard exchange.request.method == "GET", let response = exchange.response else { return false }
        return MediaType.isHTML(response.mimeType) && (200..<400).contains(response.status)
    }

    private static func extensionKind(_ path: String) -> String? {
        let last = path.split(separator: "/").last ?? ""
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        return extensionKinds[last[last.index(after: dot)...].lowercased()]
    }

    private static func mimeKind(_ mime: String?) -> String? {
        guard let type = MediaType.essence(mime) else { return nil }
        if type.hasPrefix("image/") { return "image" }
        if type.hasPrefix("font/") || type.hasPrefix("application/font") || type == "application/vnd.ms-fontobject" {
            return "font"
        }
        if type.hasPrefix("audio/") || type.hasPrefix("video/") { return "media" }
        if type == "text/css" { return "stylesheet" }
        if type.hasSuffix("javascript") || type == "application/ecmascript" || type == "application/wasm" {
            return "script"
        }
        if type == "application/manifest+json" { return "manifest" }
        return nil
    }
}
