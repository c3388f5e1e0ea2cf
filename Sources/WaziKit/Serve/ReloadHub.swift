import FlyingSocks
import Foundation

/// The open `/__wazi/events` streams (Server-Sent Events), and what is sent to all of them.
final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var closed = false

    /// A new stream, starting with `hello` so that a page that reconnects (after a restart of
    /// `wazi serve`, say) can tell whether it missed a build. The subscription ends when the
    /// returned value is released (the connection closed) or on `finishAll`.
    func subscribe(hello: String) -> Subscription {
        // A slow page keeps only the newest events: a reload makes the older ones moot.
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        continuation.yield(Data(("retry: 1000\n" + Self.event("hello", hello)).utf8))
        let accepted = lock.withLock { () -> Bool in
            guard !closed else { return false }
            subscribers[id] = continuation
            return true
        }
        // Finished outside the lock: onTermination takes it again.
        if !accepted { continuation.finish() }
        return Subscription(stream: stream) { [weak self] in
            continuation.finish()
            self?.remove(id)
        }
    }

    /// One page's stream; releasing it unsubscribes, since an AsyncStream whose continuation is still
    /// held never learns that its reader has gone.
    final class Subscription: Sendable {
        let stream: AsyncStream<Data>
        private let end: @Sendable () -> Void

        init(stream: AsyncStream<Data>, end: @escaping @Sendable () -> Void) {
            self.stream = stream
            self.end = end
        }

        deinit { end() }
    }

    var count: Int { lock.withLock { subscribers.count } }

    func send(event name: String, data: String) {
        broadcast(Data(Self.event(name, data).utf8))
    }

    /// A comment line: keeps idle connections open through proxies and finds closed ones.
    func ping() {
        broadcast(Data(": ping\n\n".utf8))
    }

    /// Ends every stream (on shutdown), so that their connections finish their response and close.
    func finishAll() {
        let all = lock.withLock { () -> [AsyncStream<Data>.Continuation] in
            closed = true
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        all.forEach { $0.finish() }
    }

    private func broadcast(_ data: Data) {
        let all = lock.withLock { Array(subscribers.values) }
        for continuation in all {
            if case .terminated = continuation.yield(data) { continuation.finish() }
        }
    }

    private func remove(_ id: UUID) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }

    /// One event in the text/event-stream format: each line of `data` on its own `data:` line,
    /// which the browser joins again with newlines.
    static func event(_ name: String, _ data: String) -> String {
        let lines = data.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}

/// An event stream as the byte sequence FlyingFox sends as a chunked body, one chunk per event.
struct EventStreamBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let subscription: ReloadHub.Subscription

    func makeAsyncIterator() -> Iterator {
        Iterator(subscription: subscription, events: subscription.stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let subscription: ReloadHub.Subscription
        var events: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            while pending.isEmpty {
                guard let data = await events.next() else { return nil }
                pending = [UInt8](data)
            }
            let size = Swift.max(1, Swift.min(count, pending.count))
            defer { pending.removeFirst(size) }
            return Array(pending.prefix(size))
        }
    }
}
