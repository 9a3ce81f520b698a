/// What the import needs to know about a MIME type.
enum MediaType {
    /// `application/json; charset=utf-8` → `application/json`.
    static func essence(_ mime: String?) -> String? {
        guard let mime else { return nil }
        let base = mime.split(separator: ";", maxSplits: 1).first.map(String.init) ?? mime
        let trimmed = base.trimming(" \t")
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }

    static func isJSON(_ mime: String?) -> Bool {
        guard let type = essence(mime) else { return false }
        return type == "application/json" || type.hasSuffix("+json") || type == "text/json"
            || type == "application/x-ndjson"
    }

    static func isHTML(_ mime: String?) -> Bool {
        essence(mime) == "text/html" || essence(mime) == "application/xhtml+xml"
    }

    static func isForm(_ mime: String?) -> Bool {
        essence(mime) == "application/x-www-form-urlencoded"
    }

    /// A body the import may read for correlation: JSON, HTML, XML, plain text, form data — or an unknown
    /// type (some writers leave `mimeType` out). Scripts, styles and binary types are never read.
    static func isReadableText(_ mime: String?) -> Bool {
        guard let type = essence(mime) else { return true }
        if isJSON(mime) || isHTML(mime) || isForm(mime) { return true }
        return type == "text/plain" || type == "text/xml" || type == "application/xml" || type.hasSuffix("+xml")
    }
}

extension String {
    /// The text without leading and trailing characters of `set`.
    func trimming(_ set: String) -> String {
        var s = self[...]
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
