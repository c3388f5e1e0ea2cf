import Foundation
import Synchronization

/// Maps `items` on `threads` threads; the result is in the items' order whatever the scheduling,
/// so output never depends on the thread count.
func parallelMap<T: Sendable, U>(_ items: [T], threads: Int, _ transform: @Sendable (T) -> U) -> [U] {
    let workers = max(1, min(threads, items.count))
    if workers == 1 { return items.map(transform) }
    // One slot per item, written by the one worker that took its index and read once every worker
    // has finished; indexes handed out by an atomic counter. With a lock for each, the workers
    // contended for it on every page of a build.
    let results = Slots<U>(count: items.count)
    defer { results.free() }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        // Work is handed out one item at a time, so a slow file does not hold up a whole stride.
        while case let index = next.add(1, ordering: .relaxed).oldValue, index < items.count {
            results.buffer[index] = transform(items[index])
        }
    }
    return results.buffer.compactMap { $0 }
}

/// One slot per item of parallel work, each written by one worker only, and read once all are done:
/// no lock. `free` once read.
struct Slots<Value>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func free() {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}

/// `transform` on slices of `size` items on `threads` threads, the results in order: for work as
/// small as a system call per item, which handing out one item at a time would cost as much as.
func parallelChunks<T: Sendable, U>(_ items: [T], size: Int, threads: Int,
                                    _ transform: @Sendable (ArraySlice<T>) -> U) -> [U] {
    let starts = Array(stride(from: 0, to: items.count, by: max(1, size)))
    return parallelMap(starts, threads: threads) { start in transform(items[start..<min(start + size, items.count)]) }
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
