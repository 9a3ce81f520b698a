import CCurl

/// A libcurl set-up call failed (creating handles, setting options): a programming or environment error,
/// never a request outcome. Request outcomes are `TransferResult`s.
public struct CurlError: Error, CustomStringConvertible, Sendable {
    /// What we were doing.
    public var operation: String
    /// libcurl's code and message.
    public var code: Int
    public var message: String

    public var description: String { "libcurl: \(operation) failed: \(message) (code \(code))" }

    /// Turns a `CURLcode` into an error, keeping curl's own message.
    static func check(_ code: CURLcode, _ operation: @autoclosure () -> String) throws(CurlError) {
        guard code != CURLE_OK else { return }
        throw CurlError(
            operation: operation(), code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
    }

    static func check(_ code: CURLMcode, _ operation: @autoclosure () -> String) throws(CurlError) {
        guard code != CURLM_OK else { return }
        throw CurlError(
            operation: operation(), code: Int(code.rawValue), message: String(cString: curl_multi_strerror(code)))
    }
}
