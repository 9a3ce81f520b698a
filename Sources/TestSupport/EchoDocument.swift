import Foundation
import NIOCore

/// The JSON body of `/echo`: what the server received, so templating tests can check exactly
/// what the client sent.
///
/// Header names are lowercased (HTTP names are case-insensitive); repeated headers are joined
/// with ", ". `query` is decoded (`+` as space, percent escapes); `raw_query` is as sent.
struct EchoDocument: Encodable {
    let method: String
    let path: String
    let query: [String: String]
    let rawQuery: String
    let headers: [String: String]
    let body: String

    enum CodingKeys: String, CodingKey {
        case method, path, query, headers, body
        case rawQuery = "raw_query"
    }

    init(_ request: ReceivedRequest) {
        method = request.head.method.rawValue
        path = request.path
        rawQuery = request.query
        query = Self.decodeQuery(request.query)
        var headers: [String: String] = [:]
        for (name, value) in request.head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        self.headers = headers
        body = String(decoding: request.body.readableBytesView, as: UTF8.self)
    }

    /// Decodes `a=1&b=x+y` into a dictionary; a repeated name keeps its last value.
    static func decodeQuery(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let decode = { (text: String) in
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    /// The document as sorted-key JSON (stable, so golden files can contain it).
    func encoded() -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and dictionaries cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return ByteBuffer(bytes: data)
    }
}
