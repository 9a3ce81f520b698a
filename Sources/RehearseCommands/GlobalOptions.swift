import ArgumentParser
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only the summary and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more detail (the resolved plan, results paths).")
    var verbose = false
}

/// Where text goes, with the conventions users expect: progress on stderr, reports on stdout.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether stderr is an interactive terminal (not a pipe, not CI).
    static var interactive: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// The width tables are kept within: the terminal's (stdout), else `COLUMNS`, else none (a pipe or a file
    /// gets whole names).
    static var width: Int? {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Colour only on a terminal and when `NO_COLOR` is unset (no-color.org).
    static var color: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["CI"] == nil
    }
}
