import Foundation

/// Reads a HAR file entry by entry, in bounded memory.
///
/// The file is memory-mapped; ``HARScanner`` hands over one entry's bytes at a time, `JSONDecoder` decodes
/// that entry alone into a ``HAREntry`` (bodies the import cannot use are never turned into strings), and the
/// pages behind the scan are released. Memory therefore follows the largest entry and what the caller keeps.
enum HARReader {
    /// What a read found besides the entries.
    struct Summary {
        var pages: [HARPage]
        var entryCount: Int
    }

    /// Calls `consume` with each entry in file order.
    static func read(path: String, consume: (RecordedExchange) -> Void) throws(ImportError) -> Summary {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        let decoder = JSONDecoder()
        var scanner = HARScanner(bytes)
        do {
            let outline = try scanner.scan { range, index in
                let entry = try decodeEntry(range, index: index, bytes: bytes, decoder: decoder, path: path)
                consume(entry.recorded(index: index))
                file.release(upTo: range.upperBound)
            }
            guard outline.entryCount > 0 else {
                throw ImportError(
                    file: path, message: "the HAR file has no entries (log.entries is empty)",
                    hint: "record with the network panel open, reload the page, then Save all as HAR")
            }
            return Summary(
                pages: try outline.pages.map { try decodePages($0, bytes: bytes, path: path) } ?? [],
                entryCount: outline.entryCount)
        } catch let error as ImportError {
            throw error
        } catch let failure as HARScanner.Failure {
            guard let offset = failure.offset else {
                throw ImportError(file: path, message: failure.message, hint: failure.hint)
            }
            throw located(failure.message, hint: failure.hint, at: offset, in: bytes, path: path)
        } catch {
            throw ImportError(file: path, message: "\(error)")
        }
    }

    private static func decodeEntry(
        _ range: Range<Int>, index: Int, bytes: UnsafeRawBufferPointer, decoder: JSONDecoder, path: String
    ) throws(ImportError) -> HAREntry {
        let data = Data(
            bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + range.lowerBound),
            count: range.count, deallocator: .none)
        do {
            return try decoder.decode(HAREntry.self, from: data)
        } catch {
            throw located(
                "log.entries[\(index)]: \(DecodingProblem.describe(error))", hint: nil, at: range.lowerBound, in: bytes,
                path: path)
        }
    }

    private static func decodePages(_ range: Range<Int>, bytes: UnsafeRawBufferPointer, path: String)
        throws(ImportError) -> [HARPage]
    {
        let data = Data(bytes: bytes.baseAddress! + range.lowerBound, count: range.count)
        do {
            return try JSONDecoder().decode([HARPage].self, from: data)
        } catch {
            throw located(
                "log.pages: \(DecodingProblem.describe(error))", hint: nil, at: range.lowerBound, in: bytes, path: path)
        }
    }

    private static func located(
        _ message: String, hint: String?, at offset: Int, in bytes: UnsafeRawBufferPointer, path: String
    ) -> ImportError {
        let position = TextPosition.of(offset: offset, in: bytes)
        return ImportError(
            file: path, line: position.line, column: position.column, message: "\(message) (byte \(offset))",
            hint: hint)
    }
}

/// A `DecodingError` said in a HAR's terms: `request.url: missing`, `response.status: expected a number`.
enum DecodingProblem {
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing \"\(path(context.codingPath + [key]))\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(name(type))"
        case .dataCorrupted(let context):
            let place = context.codingPath.isEmpty ? "" : "\(path(context.codingPath)): "
            return place + "not valid JSON"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Int.Type: "a number"
        case is Bool.Type: "true or false"
        default: "an object or list"
        }
    }
}
