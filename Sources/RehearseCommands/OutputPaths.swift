import Foundation

/// Checks that the files and folders a command will write can be written, before it sends anything: a run must
/// not find out after ten minutes of load that `--junit` names a folder that does not exist. The checks try for
/// real (open the file for writing, create a probe file next to a new one, create the folder) rather than read
/// permission bits, which say nothing to root or about a read-only file system.
enum OutputPaths {
    /// Why the file `path` cannot be written (created or replaced), or `nil` when it can. Nothing is left behind.
    static func problem(file path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return "it is a folder; name a file" }
            return tryOpen(path, flags: O_WRONLY) ? nil : "the file is not writable (\(reason()))"
        }
        let parent = PathText.parent(path)
        let folder = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "the folder \(folder) does not exist"
        }
        guard isFolder.boolValue else { return "\(folder) is a file, not a folder" }
        let probe = folder + "/.\((path as NSString).lastPathComponent).rehearse-check-\(getpid())"
        defer { unlink(probe) }
        return tryOpen(probe, flags: O_WRONLY | O_CREAT | O_EXCL) ? nil : "cannot write in \(folder) (\(reason()))"
    }

    /// Why the folder `path` cannot be used for results, or `nil`; a missing folder is created now (the run would
    /// create it anyway).
    static func problem(folder path: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            return "it is a file, not a folder"
        }
        var existing = path
        while !existing.isEmpty, !FileManager.default.fileExists(atPath: existing) {
            existing = PathText.parent(existing)
        }
        if !existing.isEmpty, FileManager.default.fileExists(atPath: existing, isDirectory: &isFolder),
            !isFolder.boolValue
        {
            return "\(existing) is a file, not a folder"
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return "cannot create it (\(error.localizedDescription))"
        }
        return problem(file: path + "/probe") == nil ? nil : "cannot write in it (\(reason()))"
    }

    /// The first output that cannot be written, as an error line naming its option; `nil` when all can.
    static func firstProblem(files: [(option: String, path: String?)], folders: [(option: String, path: String)])
        -> String?
    {
        for case (let option, let path?) in files {
            if let problem = problem(file: path) { return "error: \(option): cannot write \(path): \(problem)" }
        }
        for (option, path) in folders {
            if let problem = problem(folder: path) { return "error: \(option): cannot write into \(path): \(problem)" }
        }
        return nil
    }

    private static func tryOpen(_ path: String, flags: Int32) -> Bool {
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
