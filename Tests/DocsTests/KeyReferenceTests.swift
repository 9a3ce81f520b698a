import Scenario
import Testing

/// The "Every key" tables of the profile and flow references hold exactly the key paths the loaders accept
/// (``KeyCatalog``, built from the decoders' own key lists): a key added in code but not documented fails, and so
/// does a documented key the loader refuses.
@Suite struct KeyReferenceTests {
    static let references: [(doc: String, catalog: [KeyCatalog.Entry])] = [
        ("docs/reference-profile.md", KeyCatalog.profile), ("docs/reference-flow.md", KeyCatalog.flow),
    ]

    @Test(arguments: references.indices)
    func everyKeyOfTheLoaderIsInTheReferenceAndNoOther(index: Int) throws {
        let (path, catalog) = Self.references[index]
        let doc = try MarkdownDoc(path)
        let section = try #require(doc.section("Every key"), "\(path) has no \"## Every key\" section")
        var documented: [String: String] = [:]
        for row in MarkdownDoc.tableRows(in: section) {
            let key = try #require(
                Self.keyPath(row.first ?? ""), "\(path): a row whose first cell is no `key path`: \(row)")
            #expect(documented[key] == nil, "\(path): \(key) has two rows")
            documented[key] = row.dropFirst().joined(separator: " | ")
        }
        let known = Set(catalog.map(\.path))
        let missing = catalog.map(\.path).filter { documented[$0] == nil }
        let unknown = documented.keys.filter { !known.contains($0) }.sorted()
        #expect(missing.isEmpty, "\(path) \"Every key\" lacks keys the loader accepts: \(missing)")
        #expect(unknown.isEmpty, "\(path) \"Every key\" documents keys the loader refuses: \(unknown)")
        // A load key only some executors take says which.
        for entry in catalog where !entry.executors.isEmpty {
            let text = documented[entry.path] ?? ""
            let unnamed = entry.executors.filter { !text.contains($0) }
            #expect(unnamed.isEmpty, "\(path): the row of \(entry.path) does not name \(unnamed), which take it")
        }
    }

    @Test func theCatalogFollowsTheGrammar() {
        let all = KeyCatalog.profile + KeyCatalog.flow
        #expect(KeyCatalog.profile.count > 60 && KeyCatalog.flow.count > 35)
        for entry in all {
            let segments = entry.path.split(separator: ".", omittingEmptySubsequences: false)
            let wellFormed = segments.allSatisfy { segment in
                let name = segment.hasSuffix("[]") ? segment.dropLast(2) : segment[...]
                return !name.isEmpty
                    && (name.allSatisfy { $0.isLowercase || $0 == "_" }
                        || (name.first == "<" && name.last == ">"
                            && name.dropFirst().dropLast().allSatisfy(\.isLowercase)))
            }
            #expect(wellFormed, "\(entry.path)")
        }
        #expect(Set(KeyCatalog.profile.map(\.path)).count == KeyCatalog.profile.count)
        let rate = KeyCatalog.profile.first { $0.path == "load.rate" }
        #expect(rate?.executors == ["constant-arrival-rate"])
        #expect(KeyCatalog.profile.first { $0.path == "load.graceful_stop" }?.executors == [])
        for path in ["steps[].check.status", "steps[].capture.<name>.json", "steps[].spinner", "steps[].think"] {
            #expect(KeyCatalog.flow.contains { $0.path == path }, "\(path)")
        }
        for path in ["scenarios.<scenario>.load", "network.faults[].reset.after", "roles.<role>.fields.<field>.env"] {
            #expect(KeyCatalog.profile.contains { $0.path == path }, "\(path)")
        }
    }

    /// `` `a.b` `` → `a.b`; nil unless the cell is one code span.
    static func keyPath(_ cell: String) -> String? {
        guard cell.count > 2, cell.first == "`", cell.last == "`" else { return nil }
        let inner = cell.dropFirst().dropLast()
        return inner.contains("`") ? nil : String(inner)
    }
}
