import Testing

@testable import RehearseCommands

@Suite("Path text")
struct PathTextTests {
    @Test(arguments: [
        ("a/b/c", "a/b"), ("c", ""), ("r", ""), ("/c", "/"), ("/", "/"), ("a/b/", "a"), ("a//b", "a"), ("", ""),
        ("./r", "."),
    ])
    func theFolderOfAPath(_ path: String, _ folder: String) {
        #expect(PathText.parent(path) == folder)
    }
}
