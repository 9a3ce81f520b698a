import Foundation

/// Base64 as HAR writers use it for `content.text` with `encoding: base64` (Charles, mitmproxy, Firefox for
/// binary bodies).
enum Base64Text {
    /// The decoded bytes as UTF-8 text; `nil` when the text is not base64 or the bytes are not UTF-8.
    static func decode(_ text: String) -> String? {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
