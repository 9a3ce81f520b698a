import Foundation
import Recording
import Scenario
import Testing

/// The real recording made by `scripts/record-har.sh` (headless Chromium through mitmproxy, demo server, role
/// `user`).
@Suite struct RecordedHARTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EndToEndTests/Fixtures/recorded/chromium-mitmproxy-user.har").path

    @Test func importsTheBrowserRecording() throws {
        let result = try HARImport.run(path: Self.path)
        print(result.yaml)
        print(ImportReportText.render(result.report, output: nil))
    }
}
