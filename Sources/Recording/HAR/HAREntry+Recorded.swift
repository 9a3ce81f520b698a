/// Turning a decoded HAR entry into the import's own ``RecordedExchange``.
extension HAREntry {
    func recorded(index: Int) -> RecordedExchange {
        var headers: [HTTPField] = []
        var authority: String?
        var scheme: String?
        for field in request.headers {
            switch field.name.lowercased() {
            case ":authority": authority = field.value
            case ":scheme": scheme = field.value
            case let name where name.hasPrefix(":"): continue
            default: headers.append(HTTPField(name: field.name, value: field.value))
            }
        }
        return RecordedExchange(
            index: index, started: startedDateTime.flatMap(HARTimestamp.parse), duration: max(time ?? 0, 0),
            pageref: pageref, resourceType: resourceType?.lowercased(),
            fromCache: fromCache.map { !$0.isEmpty } ?? false,
            request: RecordedRequest(
                method: request.method, url: absoluteURL(authority: authority, scheme: scheme, headers: headers),
                headers: headers, body: request.postData.map(Self.body)),
            response: response.map(Self.response))
    }

    /// The request URL; a relative one (seen from some proxies) is completed from `:scheme` and `:authority` or
    /// the `Host` header.
    private func absoluteURL(authority: String?, scheme: String?, headers: [HTTPField]) -> String {
        let url = request.url
        guard url.hasPrefix("/") else { return url }
        guard let host = authority ?? headers.first(where: { $0.name.lowercased() == "host" })?.value else {
            return url
        }
        return "\(scheme ?? "https")://\(host)\(url)"
    }

    /// `postData.text` when present; otherwise the `params` joined as a form body (Charles writes only those).
    private static func body(_ post: HARPostData) -> RecordedBody {
        let multipart =
            post.params.contains { $0.fileName != nil }
            || MediaType.essence(post.mimeType) == "multipart/form-data"
        if post.textUnreadable {
            return RecordedBody(mimeType: post.mimeType, text: "", isMultipart: multipart, isUndecodable: true)
        }
        if var text = post.text, !text.isEmpty {
            if post.encoding?.lowercased() == "base64" {
                guard let decoded = Base64Text.decode(text) else {
                    return RecordedBody(mimeType: post.mimeType, text: "", isMultipart: multipart, isUndecodable: true)
                }
                text = decoded
            }
            return RecordedBody(mimeType: post.mimeType, text: text, isMultipart: multipart)
        }
        let form = post.params.map { FormEncoding.encode($0.name) + "=" + FormEncoding.encode($0.value) }
        return RecordedBody(
            mimeType: post.mimeType ?? "application/x-www-form-urlencoded", text: form.joined(separator: "&"),
            isMultipart: multipart)
    }

    private static func response(_ r: HARResponse) -> RecordedResponse {
        RecordedResponse(
            status: r.status, headers: r.headers.map { HTTPField(name: $0.name, value: $0.value) },
            mimeType: r.content?.mimeType, body: r.content?.text)
    }
}
