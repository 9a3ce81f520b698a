import Foundation
import Scenario

extension RunPlan {
    /// What makes two processes parts of the same run: the resolved profile (flows, roles and their accounts, load,
    /// limits, thresholds), the resolved base URL and the networks the roles run under, hashed. Where the files
    /// were (`source`) and where results go (`output`) are left out, so a pod reading the profile from a mounted
    /// ConfigMap matches a laptop reading it from a checkout. `rehearse merge` refuses runs whose fingerprints
    /// differ. A hash, not the text, so no account or secret is written.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parts: [Any] = [
            Self.canonical((try? encoder.encode(profile)).flatMap { try? JSONSerialization.jsonObject(with: $0) }),
            baseURL,
            Self.canonical(
                (try? encoder.encode(networkByRole)).flatMap { try? JSONSerialization.jsonObject(with: $0) }),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: parts, options: [.sortedKeys])) ?? Data()
        return Fingerprint.hex(of: data)
    }

    /// The JSON tree without locations and output folder, with sets (encoded in hash order) sorted.
    private static func canonical(_ value: Any?) -> Any {
        switch value {
        case let object as [String: Any]:
            var out: [String: Any] = [:]
            for (key, v) in object where key != "source" && key != "output" {
                out[key] = key == "secretFields" ? ((v as? [String])?.sorted() ?? []) : canonical(v)
            }
            return out
        case let array as [Any]: return array.map { canonical($0) }
        case let value?: return value
        case nil: return NSNull()
        }
    }
}

/// A 128-bit content hash (two FNV-1a 64 passes with different offsets) as 32 hex digits: enough to tell two
/// profiles apart, and dependency-free (no cryptographic strength is needed, nothing is secret-keyed).
enum Fingerprint {
    static func hex(of data: Data) -> String {
        func fnv(_ offset: UInt64) -> UInt64 {
            data.reduce(offset) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
        }
        let a = fnv(0xcbf2_9ce4_8422_2325)
        let b = fnv(0x6c62_272e_07bb_0142)
        return [a, b].map { String($0, radix: 16).leftPadded(to: 16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
