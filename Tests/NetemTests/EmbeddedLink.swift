import NIOCore
import NIOEmbedded

@testable import Netem

/// The proxy's connections on NIO's `EmbeddedEventLoop`: time moves only when a test advances it, so the delay
/// model is checked to the nanosecond, whatever else the machine is doing.
///
/// Each leg is an `EmbeddedChannel` with a ``KernelSocket`` at its head standing in for the socket; the upstream is
/// a ``KernelSocket`` that answers the line protocol of ``TestUpstream`` (`M` → M bytes, `cM` → M bytes, then a
/// FIN).
/// Everything runs on the test's thread, hence `@unchecked Sendable` for the connector's closure.
final class EmbeddedLink: @unchecked Sendable {
    let loop = EmbeddedEventLoop()
    let conditions: LinkConditions
    private(set) var context: ProxyContext!
    /// The upstream legs, in the order the proxy opened them.
    private(set) var upstreams: [KernelSocket] = []
    /// Time zero of the test (a second into the loop's clock, so no deadline arithmetic goes below 0).
    let origin = NIODeadline.uptimeNanoseconds(1_000_000_000)
    private var nextPort = 40_000

    init(_ conditions: LinkConditions) {
        self.conditions = conditions
        loop.advanceTime(to: origin)
        let upstream = try! SocketAddress(ipAddress: "127.0.0.1", port: 9)
        let connector = UpstreamConnector { _, address, _, initializer in
            self.connectUpstream(address, initializer: initializer)
        }
        context = ProxyContext(conditions: conditions, upstream: upstream, connector: connector)
    }

    deinit {
        try? loop.syncShutdownGracefully()
    }

    /// The instant `milliseconds` after time zero.
    func at(_ milliseconds: Double) -> NIODeadline {
        origin + .nanoseconds(Int64((milliseconds * 1_000_000).rounded()))
    }

    /// Milliseconds from time zero to `instant`.
    func milliseconds(_ instant: NIODeadline) -> Double {
        Double((instant - origin).nanoseconds) / 1_000_000
    }

    /// Runs the loop up to `milliseconds` after time zero, firing every timer due by then.
    func advance(to milliseconds: Double) {
        loop.advanceTime(to: at(milliseconds))
    }

    /// Runs the loop up to one nanosecond before `milliseconds` after time zero.
    func advance(justBefore milliseconds: Double) {
        loop.advanceTime(to: at(milliseconds) - .nanoseconds(1))
    }

    /// A client connecting now from `source` (its access link is that address).
    func connect(from source: String = "127.0.0.1") throws -> KernelSocket {
        nextPort += 1
        let channel = EmbeddedChannel(loop: loop)
        channel.remoteAddress = try SocketAddress(ipAddress: source, port: nextPort)
        let socket = KernelSocket(channel: channel, loop: loop, readSize: conditions.upBitsPerSecond.map(Self.slice))
        try channel.pipeline.syncOperations.addHandler(socket)
        let connection = ProxyConnection(client: channel, context: context)
        try channel.pipeline.syncOperations.addHandler(LegHandler(connection: connection, leg: .client))
        try channel.connect(to: channel.remoteAddress!).wait()
        loop.run()
        return socket
    }

    /// The upstream leg the proxy opened `index`-th.
    func upstream(_ index: Int = 0) -> KernelSocket {
        upstreams[index]
    }

    private func connectUpstream(
        _ address: SocketAddress, initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> EventLoopFuture<any Channel> {
        let channel = EmbeddedChannel(loop: loop)
        let socket = KernelSocket(channel: channel, loop: loop, readSize: conditions.downBitsPerSecond.map(Self.slice))
        socket.answersLines = true
        upstreams.append(socket)
        do {
            try channel.pipeline.syncOperations.addHandler(socket)
        } catch {
            return loop.makeFailedFuture(error)
        }
        return initializer(channel).flatMap { channel.connect(to: address) }.map { channel }
    }

    /// What the proxy reads at once on a shaped direction (its `recvAllocator`), as a real socket would give it.
    private static func slice(_ bitsPerSecond: Int) -> Int {
        TokenBucket(bitsPerSecond: bitsPerSecond).sliceBytes
    }
}

/// The kernel's side of one proxied socket, at the head of an `EmbeddedChannel`'s pipeline.
///
/// Inbound: bytes the peer sent wait here until the proxy asks for a read (it runs with autoRead off), and each read
/// hands over at most `readSize` bytes, as the proxy's socket options make a real socket do. Outbound: every chunk
/// the proxy writes is recorded with the loop's time, which on `EmbeddedEventLoop` is exactly the timer's deadline.
final class KernelSocket: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer

    private enum Arrival {
        case bytes(ByteBuffer)
        case finished
    }

    let channel: EmbeddedChannel
    private let loop: EmbeddedEventLoop
    private let readSize: Int
    private var arrived = CircularBuffer<Arrival>()
    private var readRequested = false
    private var context: ChannelHandlerContext?
    /// Every chunk the proxy wrote to this peer, with when.
    private(set) var deliveries: [(at: NIODeadline, bytes: [UInt8])] = []
    /// As an upstream: answer each line `M` (or `cM`) with M bytes of ``TestUpstream/payload(_:)`` at once.
    var answersLines = false
    private var pendingLine: [UInt8] = []
    /// Lines answered so far.
    private(set) var requests = 0

    init(channel: EmbeddedChannel, loop: EmbeddedEventLoop, readSize: Int?) {
        self.channel = channel
        self.loop = loop
        self.readSize = readSize ?? Int.max
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    // MARK: The peer

    /// The peer sends `text`; the proxy reads it when it asks.
    func send(_ text: String) {
        send(ByteBuffer(string: text))
    }

    /// The peer sends `bytes`.
    func send(_ bytes: ByteBuffer) {
        arrived.append(.bytes(bytes))
        deliverIfAsked()
    }

    /// The peer half-closes (sends its FIN), after what it sent before.
    func finishSending() {
        arrived.append(.finished)
        deliverIfAsked()
    }

    /// The peer closes the connection.
    func close() {
        channel.close(promise: nil)
        loop.run()
    }

    /// Every byte the proxy delivered to this peer so far.
    var received: [UInt8] {
        deliveries.flatMap(\.bytes)
    }

    /// When the proxy delivered the `count`-th byte (1-based), or nil when it has not yet.
    func instant(ofByte count: Int) -> NIODeadline? {
        var total = 0
        for delivery in deliveries {
            total += delivery.bytes.count
            if total >= count { return delivery.at }
        }
        return nil
    }

    /// Whether the proxy has closed this leg.
    var isClosed: Bool {
        !channel.isActive
    }

    // MARK: ChannelDuplexHandler

    func read(context: ChannelHandlerContext) {
        readRequested = true
        deliverIfAsked()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let bytes = Array(buffer: unwrapOutboundIn(data))
        deliveries.append((loop.now, bytes))
        context.write(data, promise: promise)
        if answersLines { answer(bytes) }
    }

    /// One read's worth of what arrived, if the proxy asked for it.
    private func deliverIfAsked() {
        guard readRequested, let context, let first = arrived.first else { return }
        readRequested = false
        switch first {
        case .finished:
            arrived.removeFirst()
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        case .bytes(var bytes):
            let chunk = bytes.readSlice(length: min(readSize, bytes.readableBytes))!
            if bytes.readableBytes == 0 { arrived.removeFirst() } else { arrived[arrived.startIndex] = .bytes(bytes) }
            context.fireChannelRead(wrapInboundOut(chunk))
            context.fireChannelReadComplete()
        }
    }

    /// The upstream's side of the line protocol: answers each complete line once its bytes have arrived.
    private func answer(_ bytes: [UInt8]) {
        pendingLine += bytes
        while let newline = pendingLine.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pendingLine[..<newline], as: UTF8.self)
            pendingLine.removeSubrange(...newline)
            requests += 1
            let closes = line.hasPrefix("c")
            let count = Int(closes ? String(line.dropFirst()) : line) ?? 0
            // After the proxy's write returns: the answer is the upstream's next event, at the same instant.
            loop.execute {
                self.send(ByteBuffer(bytes: TestUpstream.payload(count)))
                if closes { self.finishSending() }  // the proxy allows half-closure: it sees the FIN after the bytes
            }
        }
    }
}
