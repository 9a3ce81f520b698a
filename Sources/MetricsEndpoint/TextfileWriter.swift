#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a metrics file for node_exporter's textfile collector (`--collector.textfile.directory`) atomically: the
/// collector never reads a half-written file.
///
/// The text goes to a temporary file in the target's directory (`.<name>.XXXXXX`: hidden, and not ending in `.prom`,
/// so the collector ignores it), is flushed to disk with `fsync`, gets the target's permissions (or `0644` for a new
/// file, since node_exporter usually runs as another user), and is renamed over the target; the directory is then
/// synced so the rename survives a crash. On any failure the temporary file is removed and the target is untouched.
public enum TextfileWriter {
    /// A file that could not be written: names the path and the reason.
    public struct WriteError: Error, CustomStringConvertible, Sendable, Equatable {
        /// The target path.
        public var path: String
        /// What went wrong, e.g. `cannot create a temporary file in /var/lib/x: Permission denied`.
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String { "cannot write the metrics file \(path): \(reason)" }
    }

    /// Replaces the file at `path` with `text` atomically. Throws `WriteError`.
    public static func write(_ text: String, to path: String) throws {
        func fail(_ reason: String) -> WriteError { WriteError(path: path, reason: reason) }
        let (directory, name) = try split(path)

        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array("\(prefix).\(name).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw fail("cannot create a temporary file in \(directory): \(lastError())") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { _ = close(fd) }
            if !renamed { _ = unlink(temporary) }
        }

        // mkstemp creates 0600; keep the target's mode, or make a new file readable by the collector.
        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        guard fchmod(fd, mode) == 0 else { throw fail("cannot set the permissions of \(temporary): \(lastError())") }

        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                posixWrite(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail("cannot write \(temporary): \(lastError())")
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw fail("cannot flush \(temporary) to disk: \(lastError())") }
        isOpen = false
        guard close(fd) == 0 else { throw fail("cannot close \(temporary): \(lastError())") }
        guard rename(temporary, path) == 0 else {
            throw fail("cannot rename \(temporary) over it: \(lastError())")
        }
        renamed = true

        // Best effort: make the rename durable. Some file systems refuse fsync on a directory; the file is in place.
        let directoryFD = posixOpen(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            _ = close(directoryFD)
        }
    }

    /// Why `path` cannot be written (a missing or read-only folder, a directory named as the file), or nil: checked
    /// before the first probe.
    public static func problem(with path: String) -> String? {
        let directory: String
        do { directory = try split(path).directory } catch { return "\(error)" }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            return "cannot write the metrics file \(path): the folder \(directory) does not exist (\(lastError()))"
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return "cannot write the metrics file \(path): \(directory) is not a folder"
        }
        guard access(directory, W_OK) == 0 else {
            return "cannot write the metrics file \(path): the folder \(directory) is not writable (\(lastError()))"
        }
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return "cannot write the metrics file \(path): it is a folder; give a file name, e.g. rehearsal.prom"
        }
        return nil
    }

    /// The directory (`.` for a bare name) and the file name of `path`.
    static func split(_ path: String) throws -> (directory: String, name: String) {
        guard !path.isEmpty else { throw WriteError(path: path, reason: "the path is empty") }
        guard !path.hasSuffix("/") else {
            throw WriteError(path: path, reason: "the path names a directory; give a file name, e.g. rehearsal.prom")
        }
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

// Inside `TextfileWriter`, `write` names the method; these name the C functions.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func posixOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
