import Foundation

/// Maps `items` on `threads` threads; the result is in the items' order whatever the scheduling,
/// so output never depends on the thread count.
func parallelMap<T: Sendable, U>(_ items: [T], threads: Int, _ transform: @Sendable (T) -> U) -> [U] {
    let workers = max(1, min(threads, items.count))
    if workers == 1 { return items.map(transform) }
    let results = Slots<U>(count: items.count)
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        // Work is handed out one item at a time, so a slow file does not hold up a whole stride.
        while let index = next.take(below: items.count) {
            results[index] = transform(items[index])
        }
    }
    return results.values.compactMap { $0 }
}

/// `transform` on slices of `size` items on `threads` threads, the results in order: for work as
/// small as a system call per item, which handing out one item at a time would cost as much as.
func parallelChunks<T: Sendable, U>(_ items: [T], size: Int, threads: Int,
                                    _ transform: @Sendable (ArraySlice<T>) -> U) -> [U] {
    let starts = Array(stride(from: 0, to: items.count, by: max(1, size)))
    return parallelMap(starts, threads: threads) { start in transform(items[start..<min(start + size, items.count)]) }
}

/// The next index to work on, shared by the workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// How many were taken.
    var count: Int { lock.withLock { value } }

    func increment() { lock.withLock { value += 1 } }

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// Results of parallel work, one slot per job, so the output order never depends on scheduling.
final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}

/// A value made on one thread and awaited on others.
final class Eventually<Value: Sendable>: @unchecked Sendable {
    private var stored: Value?
    private let condition = NSCondition()

    init() {}

    func fulfil(_ value: Value) {
        condition.withLock {
            stored = value
            condition.broadcast()
        }
    }

    /// The value, once made: blocks until then.
    var value: Value {
        condition.withLock {
            while stored == nil { condition.wait() }
            return stored!
        }
    }
}

/// Work done on a thread of its own beside the pages, or at once when the build runs on one thread.
enum Lane {
    static func start<Value: Sendable>(threads: Int, _ work: @escaping @Sendable () -> Value) -> Eventually<Value> {
        let result = Eventually<Value>()
        guard threads > 1 else {
            result.fulfil(work())
            return result
        }
        let thread = Thread { result.fulfil(work()) }
        thread.stackSize = 8 << 20
        thread.start()
        return result
    }
}

/// Work for a lane started when a core is likely to be free, not at once: see `SiteLoader.load`,
/// whose last steps are serial. `value` starts it if nothing did.
final class LateLane<Value: Sendable>: @unchecked Sendable {
    private let threads: Int
    private let work: @Sendable () -> Value
    private var lane: Eventually<Value>?
    private let lock = NSLock()

    init(threads: Int, _ work: @escaping @Sendable () -> Value) {
        self.threads = threads
        self.work = work
    }

    /// Starts the work (once).
    func start() {
        lock.withLock {
            if lane == nil { lane = Lane.start(threads: threads, work) }
        }
    }

    var value: Value {
        start()
        // Set by `start` and never changed after.
        return lock.withLock { lane }.map(\.value) ?? work()
    }
}
