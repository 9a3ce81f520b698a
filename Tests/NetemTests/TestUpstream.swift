import NIOCore
import NIOPosix
import Netem
import Synchronization

/// A tiny request/response upstream for the proxy tests. Each request is a line:
/// - `M` answers M bytes (byte i is `i % 251`, so order and integrity can be checked);
/// - `cM` answers M bytes, then closes.
final class TestUpstream: Sendable {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    let requests = Counter()
    var port: Int { channel.localAddress?.port ?? 0 }

    init() throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let requests = self.requests
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // A client that half-closes still gets its whole answer (NIO would otherwise close on EOF).
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(LineResponder(requests: requests))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The bytes `M` answers with.
    static func payload(_ count: Int) -> [UInt8] {
        // Built by doubling, not byte by byte: a 16 MB answer must not take a debug build a second.
        var bytes = (0..<min(count, 251)).map { UInt8($0) }
        while bytes.count < count { bytes += bytes.prefix(min(bytes.count / 251 * 251, count - bytes.count)) }
        return bytes
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// Answers each line of the request stream.
private final class LineResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var pending = ""
    private let requests: Counter

    init(requests: Counter) {
        self.requests = requests
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += String(buffer: unwrapInboundIn(data))
        while let newline = pending.firstIndex(of: "\n") {
            let line = String(pending[..<newline])
            pending.removeSubrange(...newline)
            answer(line, context: context)
        }
    }

    private func answer(_ line: String, context: ChannelHandlerContext) {
        requests.increment()
        let closes = line.hasPrefix("c")
        let count = Int(closes ? String(line.dropFirst()) : line) ?? 0
        let buffer = context.channel.allocator.buffer(bytes: TestUpstream.payload(count))
        let written = context.writeAndFlush(NIOAny(buffer))
        if closes {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
