#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only into memory, whose pages can be handed back once read.
///
/// Memory-mapping lets the HAR scanner walk a 100 MB file without copying it; `release(upTo:)` drops the
/// pages already read from this process's resident set (the kernel keeps them in its page cache), so peak
/// memory follows the largest entry rather than the file.
final class MappedFile {
    let path: String
    let count: Int
    private let base: UnsafeRawPointer?
    private var released = 0
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; throws ``ImportError`` when it cannot be opened or is not a regular file.
    init(path: String) throws(ImportError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "file not found" : "cannot open: \(String(cString: strerror(errno)))"
            throw ImportError(file: path, message: reason)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError(file: path, message: "not a regular file")
        }
        count = Int(info.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw ImportError(file: path, message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        _ = madvise(mapped, count, Int32(MADV_SEQUENTIAL))
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The whole file (empty for an empty file).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Drops the whole pages before `offset` from memory; reading them again would fault them back in.
    func release(upTo offset: Int) {
        guard let base else { return }
        let end = (min(offset, count) / Self.pageSize) * Self.pageSize
        guard end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, Int32(MADV_DONTNEED))
        released = end
    }
}
