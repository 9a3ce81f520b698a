/// Finds `log.entries` and `log.pages` in a HAR document without decoding it, handing over one entry's bytes at
/// a time.
///
/// A small bracket scanner that knows JSON strings (so a `]` inside a string is text): it checks the
/// document's outline — an object with `log`, an object with `entries`, a list — and skips every other value.
/// The entries themselves are decoded by the caller with `JSONDecoder`, which reports their inner errors.
struct HARScanner {
    /// A structural problem at a byte offset.
    struct Failure: Error {
        /// `nil` for a problem of the whole document (no "log", an empty file).
        var offset: Int?
        var message: String
        var hint: String?
    }

    /// What the scan found besides the entries.
    struct Outline {
        /// The bytes of `log.pages`, when present.
        var pages: Range<Int>?
        /// How many entries were handed over.
        var entryCount = 0
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Walks the document, calling `entry` with each entry's byte range and position in the list.
    mutating func scan(entry: (Range<Int>, Int) throws -> Void) throws -> Outline {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipSpace()
        guard index < bytes.count else { throw Failure(offset: nil, message: "the file is empty") }
        guard bytes[index] == UInt8(ascii: "{") else { throw notHAR(found: bytes[index]) }
        var outline = Outline()
        var sawLog = false
        var keys: [String] = []
        index += 1
        var first = true
        while let key = try nextKey(in: "the top level", first: &first) {
            keys.append(key)
            if key == "log" {
                sawLog = true
                outline = try log(entry: entry)
            } else {
                try skipValue(context: key)
            }
        }
        skipSpace()
        if index < bytes.count {
            throw Failure(offset: index, message: "unexpected text after the end of the JSON document")
        }
        guard sawLog else {
            let shown = keys.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            throw Failure(
                offset: nil,
                message: "not a HAR file: no \"log\" at the top level"
                    + (keys.isEmpty ? "" : " (found \(shown))"),
                hint: "export the recording from the browser's network panel: Save all as HAR")
        }
        return outline
    }

    /// The `log` object: records `pages`, streams `entries`.
    private mutating func log(entry: (Range<Int>, Int) throws -> Void) throws -> Outline {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            throw Failure(offset: index, message: "not a HAR file: \"log\" is not an object")
        }
        var outline = Outline()
        var sawEntries = false
        index += 1
        var first = true
        while let key = try nextKey(in: "log", first: &first) {
            switch key {
            case "entries":
                sawEntries = true
                outline.entryCount = try entries(entry)
            case "pages":
                skipSpace()
                let start = index
                try skipValue(context: "log.pages")
                outline.pages = start..<index
            default:
                try skipValue(context: "log.\(key)")
            }
        }
        guard sawEntries else {
            throw Failure(
                offset: nil, message: "not a HAR file: \"log\" has no \"entries\"",
                hint: "a HAR file holds its requests under log.entries")
        }
        return outline
    }

    private mutating func entries(_ entry: (Range<Int>, Int) throws -> Void) throws -> Int {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            throw Failure(offset: index, message: "not a HAR file: log.entries is not a list")
        }
        index += 1
        skipSpace()
        if try consume("]", context: "log.entries") { return 0 }
        var count = 0
        while true {
            skipSpace()
            let start = index
            try skipValue(context: "log.entries[\(count)]")
            try entry(start..<index, count)
            count += 1
            skipSpace()
            if try consume("]", context: "log.entries") { return count }
            guard try consume(",", context: "log.entries") else {
                throw Failure(offset: index, message: "expected \",\" or \"]\" after log.entries[\(count - 1)]")
            }
        }
    }

    /// The next key of the object being read (just after its `{` when `first`), positioned at its value;
    /// `nil` at the closing `}`.
    private mutating func nextKey(in context: String, first: inout Bool) throws -> String? {
        skipSpace()
        if try consume("}", context: context) { return nil }
        if !first {
            guard try consume(",", context: context) else {
                throw Failure(offset: index, message: "expected \",\" or \"}\" in \(context)")
            }
            skipSpace()
        }
        first = false
        guard index < bytes.count else { throw truncated(context) }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw Failure(offset: index, message: "expected a key in \(context), found \(shown(bytes[index]))")
        }
        let keyStart = index + 1
        try skipString(context: context)
        let key = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[keyStart..<(index - 1)]), as: UTF8.self)
        skipSpace()
        guard try consume(":", context: context) else {
            throw Failure(offset: index, message: "expected \":\" after the key \"\(key)\" in \(context)")
        }
        skipSpace()
        return key
    }

    /// Moves past one value of any kind; brackets must match, strings must close.
    private mutating func skipValue(context: String) throws {
        skipSpace()
        guard index < bytes.count else { throw truncated(context) }
        switch bytes[index] {
        case UInt8(ascii: "\""): try skipString(context: context)
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipNested(context: context)
        default:
            let start = index
            while index < bytes.count, isScalarByte(bytes[index]) { index += 1 }
            if index == start {
                throw Failure(offset: index, message: "unexpected \(shown(bytes[index])) in \(context)")
            }
        }
    }

    private mutating func skipNested(context: String) throws {
        var closers: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                try skipString(context: context)
                if closers.isEmpty { return }
                continue
            case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard closers.last == b else {
                    throw Failure(
                        offset: index, message: "unexpected \(shown(b)) in \(context) (brackets do not match)")
                }
                closers.removeLast()
                if closers.isEmpty {
                    index += 1
                    return
                }
            default: break
            }
            index += 1
        }
        throw truncated(context)
    }

    /// Moves past the string starting at `index` (its opening quote).
    private mutating func skipString(context: String) throws {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw truncated(context)
    }

    private mutating func consume(_ character: Unicode.Scalar, context: String) throws -> Bool {
        guard index < bytes.count else { throw truncated(context) }
        guard bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func isScalarByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    private func truncated(_ context: String) -> Failure {
        Failure(
            offset: bytes.count, message: "unexpected end of file inside \(context)",
            hint: "the file looks truncated; export the HAR again and let the save finish")
    }

    private func notHAR(found byte: UInt8) -> Failure {
        switch byte {
        case UInt8(ascii: "["):
            Failure(
                offset: index,
                message: "not a HAR file: the top level is a JSON list, expected an object with log.entries")
        case UInt8(ascii: "\""), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            Failure(
                offset: index,
                message: "not a HAR file: the top level is a single JSON value, expected an object with log.entries")
        default:
            Failure(
                offset: index, message: "not JSON: unexpected \(shown(byte)) at the start",
                hint: "a HAR file is JSON; export it from the browser's network panel (Save all as HAR)")
        }
    }

    private func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x" + String(byte, radix: 16)
    }
}
