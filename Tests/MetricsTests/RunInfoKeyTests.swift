import Foundation
import Testing

@testable import Metrics

/// `summary.json` keys as the README documents them (snake_case of the Swift names), and runs saved before.
@Suite("Run info keys")
struct RunInfoKeyTests {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    @Test func maxVUsIsWrittenMaxVusAndTheOldKeyIsRead() throws {
        let info = ScenarioInfo(name: "default", executor: "constant-vus", load: "2 VUs", openModel: false, maxVUs: 16)
        let json = String(decoding: try Self.encoder().encode(info), as: UTF8.self)
        #expect(json.contains(#""max_vus":16"#) && !json.contains("max_v_us"), "\(json)")
        #expect(try Self.decoder().decode(ScenarioInfo.self, from: Data(json.utf8)) == info)
        let old = #"{"name":"default","executor":"constant-vus","load":"2 VUs","open_model":false,"max_v_us":16}"#
        #expect(try Self.decoder().decode(ScenarioInfo.self, from: Data(old.utf8)) == info)
    }
}
