import CurlURL
import Foundation

/// One curl command as the import understands it.
struct CurlCommand {
    var url: String?
    var method: String?
    var headers: [HTTPField] = []
    /// `-d` and friends, in order (curl joins them with `&`).
    var data: [String] = []
    var isJSON = false
    var dataToQuery = false
    var notes: [String] = []

    /// The request it sends: method from `-X` (else POST with data, GET without), data joined with `&`
    /// (moved to the query with `-G`, before any `#fragment`, which is not sent), curl's default form content
    /// type for `-d`, and user info in the URL (`https://bob:pw@host/`) as Basic auth, as curl sends it
    /// (`-u` wins when both are given).
    func recorded(index: Int) -> RecordedExchange? {
        guard let given = url else { return nil }
        // The parser validated the URL with the same parser, so it splits; the fallback only keeps the types.
        var (url, credentials) = (try? URLText.splitUserInfo(given, droppingFragment: true)) ?? (given, nil)
        var headers = self.headers
        if let credentials, !headers.contains(where: { $0.name.lowercased() == "authorization" }) {
            headers.append(
                HTTPField(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString()))
        }
        let body = data.joined(separator: "&")
        var bodyValue: RecordedBody?
        if dataToQuery, !data.isEmpty {
            url += (url.contains("?") ? "&" : "?") + body
        } else if !data.isEmpty {
            let hasType = headers.contains { $0.name.lowercased() == "content-type" }
            if !hasType {
                let type = isJSON ? "application/json" : "application/x-www-form-urlencoded"
                headers.append(HTTPField(name: "Content-Type", value: type))
            }
            if isJSON, !headers.contains(where: { $0.name.lowercased() == "accept" }) {
                headers.append(HTTPField(name: "Accept", value: "application/json"))
            }
            bodyValue = RecordedBody(mimeType: nil, text: body)
        }
        let method = self.method ?? (data.isEmpty || dataToQuery ? "GET" : "POST")
        return RecordedExchange(
            index: index, started: nil, duration: 0, pageref: nil, resourceType: nil, fromCache: false,
            request: RecordedRequest(method: method.uppercased(), url: url, headers: headers, body: bodyValue),
            response: nil)
    }
}
