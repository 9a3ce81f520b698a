import Foundation

/// The seeds of the fuzzing, one folder per kind under `Tests/Fuzz/corpus/` (`profile`, `flow`, `har`, `curl`), and
/// where a long run keeps what it found.
enum Corpus {
    struct Seed: Sendable {
        var name: String
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// `Tests/Fuzz/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// Every file of `kind`, in name order (so a seed always gives the same inputs).
    static func files(_ kind: String) throws -> [Seed] {
        let folder = root.appendingPathComponent("corpus/\(kind)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            Seed(name: name, bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// Text as a file reader would hand it over (bytes that are not UTF-8 become U+FFFD, as a lenient reader's).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A long run's finding, to be looked at and added to the corpus: `Tests/Fuzz/findings/<kind>-<i>`.
    static func saveFinding(_ kind: String, _ iteration: Int, _ input: [UInt8]) {
        save(input, as: "findings/\(kind)-\(iteration)")
    }

    /// The input being tried, so a crash in a long run leaves it behind: `Tests/Fuzz/findings/last-<kind>`.
    static func saveLast(_ kind: String, _ input: [UInt8]) {
        save(input, as: "findings/last-\(kind)")
    }

    private static func save(_ input: [UInt8], as name: String) {
        let url = root.appendingPathComponent(name)
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(input).write(to: url)
    }
}

/// Peak resident memory, from `getrusage` (kilobytes on Linux).
enum Memory {
    static func peakMegabytes() -> Int { peak(RUSAGE_SELF) }

    /// The largest peak of any child process waited for so far.
    static func childrenPeakMegabytes() -> Int { peak(RUSAGE_CHILDREN) }

    private static func peak(_ who: __rusage_who) -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }
}
