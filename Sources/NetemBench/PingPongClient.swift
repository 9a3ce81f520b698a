import Foundation
import NIOCore
import NIOPosix

/// Exchange times collected by all connections of a phase (nanoseconds).
final class Samples: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var values: [Int64] = []

    func add(_ value: Int64) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    func takeAll() -> [Int64] {
        lock.lock()
        defer {
            values = []
            lock.unlock()
        }
        return values
    }

    var all: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

/// One benchmark connection: sends a 64-byte ping every `period` (open loop: the schedule does not depend on the
/// answers, so connections stay spread out instead of bunching behind a slow one), waits for the 64-byte echo,
/// records the time, until `end`. When an echo comes after the next slot, the next ping goes at once.
/// The first exchange is not recorded: through the proxy it pays the emulated connect.
final class PingPong: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    static let size = 64
    private let samples: Samples
    private let period: TimeAmount
    private let start: NIODeadline
    private let end: NIODeadline
    private var sentAt = NIODeadline.now()
    private var pending = 0
    private var exchanges = 0

    init(samples: Samples, start: NIODeadline, end: NIODeadline, period: TimeAmount) {
        self.samples = samples
        self.start = start
        self.end = end
        self.period = period
    }

    func channelActive(context: ChannelHandlerContext) {
        let loopContext = context
        context.eventLoop.assumeIsolated().scheduleTask(deadline: start) { self.ping(loopContext) }
        context.fireChannelActive()
    }

    private func ping(_ context: ChannelHandlerContext) {
        guard NIODeadline.now() < end else {
            context.close(promise: nil)
            return
        }
        pending = Self.size
        sentAt = .now()
        var ping = context.channel.allocator.buffer(capacity: Self.size)
        ping.writeInteger(sentAt.uptimeNanoseconds)  // the echo server measures the up path with it
        ping.writeRepeatingByte(0x2A, count: Self.size - 8)
        context.writeAndFlush(NIOAny(ping), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending -= unwrapInboundIn(data).readableBytes
        guard pending <= 0 else { return }
        exchanges += 1
        if exchanges > 1 { samples.add((NIODeadline.now() - sentAt).nanoseconds) }
        let loopContext = context
        let next = start + .nanoseconds(period.nanoseconds * Int64(exchanges))
        context.eventLoop.assumeIsolated().scheduleTask(deadline: next) { self.ping(loopContext) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Opens `connections` connections to `port`, lets each ping-pong from `start` to `end`, and waits for all.
///
/// Connection `i` starts `i × period / connections` after the first: virtual users are not synchronized, and
/// 1,000 pings landing in the same millisecond would measure a queue of 1,000, not the proxy's timing.
func runPhase(
    port: Int, connections: Int, group: any EventLoopGroup, warmUp: TimeAmount, duration: TimeAmount,
    period: TimeAmount
) throws -> [Int64] {
    let samples = Samples()
    let start = NIODeadline.now() + warmUp
    let end = start + duration
    var channels: [any Channel] = []
    for index in 0..<connections {
        let offset = TimeAmount.nanoseconds(period.nanoseconds * Int64(index) / Int64(connections))
        let channel = try ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        PingPong(samples: samples, start: start + offset, end: end, period: period))
                }
            }
            .connect(host: "127.0.0.1", port: port).wait()
        channels.append(channel)
    }
    for channel in channels {
        try? channel.closeFuture.wait()
    }
    return samples.all
}
