import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The inputs of `wazi serve`.
public struct ServeOptions: Sendable {
    /// What to build; its `output` is ignored: serve builds into a temporary folder of its own, so the
    /// author's `site/` is never touched by a preview.
    public var build: BuildOptions
    /// A loopback address only: the preview is for the author's own browser.
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    /// How often content/ and templates/ are checked for changes, in seconds, where the system does
    /// not report changes (see `FileWatcher`).
    public var pollInterval: Double
    /// How often open event streams get a comment line, in seconds (finds closed pages).
    public var heartbeat: Double
    /// Print the time each stage of every build took.
    public var timings = false

    public init(build: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 4000,
                pollInterval: Double = 0.3, heartbeat: Double = 15) {
        self.build = build
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.heartbeat = heartbeat
    }
}

public enum ServeError: Error, CustomStringConvertible {
    case notLoopback(String)
    case cannotListen(String)
    case cannotCreateFolder(String)

    public var description: String {
        switch self {
        case let .notLoopback(host):
            return "--host '\(host)' is not a loopback address: wazi serve listens on 127.0.0.1 (or another 127.x.y.z, localhost, ::1) only"
        case let .cannotListen(reason): return "cannot listen on \(reason)"
        case let .cannotCreateFolder(reason): return "cannot create the preview folder: \(reason)"
        }
    }
}

/// What the server knows of the builds; read by every request, written by the builder.
final class ServeState: @unchecked Sendable {
    private let lock = NSLock()
    private var attempts = 0
    private var succeeded = 0
    private var overlay: String?

    /// Whether a site has been built, and the overlay of the last build if it failed.
    var current: (hasSite: Bool, overlay: String?, attempt: Int) {
        lock.withLock { (succeeded > 0, overlay, attempts) }
    }

    var successes: Int { lock.withLock { succeeded } }
    var builds: Int { lock.withLock { attempts } }

    func record(failure overlay: String?) {
        lock.withLock {
            attempts += 1
            if overlay == nil { succeeded += 1 }
            self.overlay = overlay
        }
    }
}

/// `wazi serve`: builds the site into a temporary folder, serves it on loopback with FlyingFox,
/// rebuilds when content/ or templates/ change and tells open pages to reload (Server-Sent Events).
public final class DevServer: @unchecked Sendable {
    public let options: ServeOptions
    /// The temporary folder; the site is built into its `site/` (the build's staging folder goes beside it).
    public let folder: String
    public var siteFolder: String { folder + "/site" }

    let state = ServeState()
    let hub = ReloadHub()
    /// What each build keeps in memory for the next (builds run one at a time, see `watch`).
    private let session = BuildSession()
    /// Changes on every start, so a page that reconnects to a new `wazi serve` reloads.
    let instance = String(UUID().uuidString.prefix(8))
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()
    private var server: HTTPServer?
    private var stopping = false
    private var listeningPort: UInt16 = 0
    private let watcherDone = DispatchSemaphore(value: 0)
    private var watcherStarted = false

    public init(options: ServeOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) throws {
        self.options = options
        self.log = log
        folder = NSTemporaryDirectory().appending("/wazi-serve-\(getpid())-\(String(UUID().uuidString.prefix(8)))")
            .replacingOccurrences(of: "//", with: "/")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ServeError.cannotCreateFolder("\(folder): \(error)")
        }
    }

    /// The port listened on, once started.
    public var port: UInt16 { lock.withLock { listeningPort } }
    /// Builds done since start, successful or not.
    public var builds: Int { state.builds }
    /// Successful builds since start.
    public var successfulBuilds: Int { state.successes }
    /// Pages listening for reloads.
    public var listeners: Int { hub.count }

    /// Builds, listens, then watches; returns the address to open, e.g. `http://127.0.0.1:4000/`.
    public func start() async throws -> String {
        let address = try Self.loopbackAddress(options.host, port: options.port)
        let roots = [options.build.content, options.build.templates]
        // Started before the first build, so a file saved while it runs is noticed afterwards.
        let watcher = FileWatcher(roots: roots, pollInterval: options.pollInterval)
        // Each build after the first lists again only the folders the watcher reports changed.
        session.watch(roots)
        await onThread { self.rebuild() }

        let handler = SiteHandler(root: siteFolder, state: state, hub: hub, instance: instance)
        // The handler timeout bounds only the time to produce a response; event streams are sent after it.
        let server = HTTPServer(config: .init(address: address, timeout: 15, logger: .disabled), handler: handler)
        lock.withLock { self.server = server }
        let failure = ErrorBox()
        Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.get() {
                throw ServeError.cannotListen("\(options.host):\(options.port): \(error.localizedDescription)")
            }
            guard ContinuousClock.now < deadline else { throw ServeError.cannotListen("\(options.host):\(options.port): timed out") }
            try await Task.sleep(for: .milliseconds(5))
        }
        let port: UInt16
        switch await server.listeningAddress {
        case let .ip4(_, port: p)?: port = p
        case let .ip6(_, port: p)?: port = p
        default: port = options.port
        }
        lock.withLock { listeningPort = port }

        let thread = Thread { [self] in watch(watcher) }
        thread.name = "wazi-serve-watcher"
        lock.withLock { watcherStarted = true }
        thread.start()
        let host = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
        return "http://\(host):\(port)/"
    }

    /// Stops watching, ends the event streams, closes every connection and removes the temporary
    /// folder. Safe to call more than once.
    public func stop() async {
        let (first, server, watching) = lock.withLock { () -> (Bool, HTTPServer?, Bool) in
            defer { stopping = true }
            return (!stopping, self.server, watcherStarted)
        }
        guard first else { return }
        hub.finishAll()
        // FlyingFox closes the listening socket and lets each connection finish its current response;
        // its accept loop only ends when cancelled (epoll does not report the closed socket), which
        // this grace period bounds.
        await server?.stop(timeout: 0.5)
        if watching {
            // The watcher may be in a build writing into the folder: wait for it before removing it.
            await onThread { self.watcherDone.wait() }
        }
        // The last build may still be writing its caches into the folder.
        await onThread { self.session.settle() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    /// One build into the temporary folder; tells open pages to reload, or shows them the errors.
    @discardableResult
    public func rebuild() -> BuildReport {
        var build = options.build
        build.output = siteFolder
        let clock = ContinuousClock()
        let started = clock.now
        let report = Build.run(build, session: session)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let failed = report.errors > 0 || (build.strict && report.warnings > 0)
        if options.timings { log(report.timings.description + "\n" + report.reuse) }
        // A build that found nothing changed replays the diagnostics it printed when it made the site.
        let printed = report.replayed + report.diagnostics.map(\.description)
        if failed {
            let overlay = ServeHTML.overlay(report.diagnostics)
            state.record(failure: overlay)
            hub.send(event: "failed", data: overlay)
            log((printed + ["build failed: \(report.errors) error(s), \(report.warnings) warning(s); still serving the last good build"])
                .joined(separator: "\n"))
        } else {
            state.record(failure: nil)
            hub.send(event: "reload", data: "\(instance)-\(state.builds)")
            log((printed + [String(format: "built %d pages in %.2f s", report.pages, seconds)
                            + (report.warnings > 0 ? ", \(report.warnings) warning(s)" : "")]).joined(separator: "\n"))
        }
        return report
    }

    /// Waits for changes to the inputs; rebuilds when anything changed. Runs on its own thread, since
    /// a build blocks.
    private func watch(_ watcher: FileWatcher) {
        defer { watcherDone.signal() }
        var lastPing = ContinuousClock.now
        while !isStopping {
            // Woken often enough to stop soon and to keep event streams alive.
            let changed = watcher.wait(timeout: min(0.25, options.heartbeat))
            if isStopping { break }
            if changed {
                for (root, folders) in watcher.takeChanges() { session.changed(root, folders: folders) }
                rebuild()
            }
            if ContinuousClock.now - lastPing > .milliseconds(Int(options.heartbeat * 1000)) {
                hub.ping()
                lastPing = ContinuousClock.now
            }
        }
    }

    /// Runs blocking work on a thread of its own, keeping Swift's few cooperative threads free to serve.
    private func onThread(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                work()
                done.resume()
            }.start()
        }
    }

    /// Refuses a host that is not a loopback address (a usage error before anything is built).
    public static func checkHost(_ host: String) throws {
        _ = try loopbackAddress(host, port: 0)
    }

    /// `127.0.0.1`, any `127.x.y.z`, `localhost` or `::1`; anything else is refused.
    static func loopbackAddress(_ host: String, port: UInt16) throws -> any SocketAddress {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            // s_addr is in network order: its first byte in memory is the first octet.
            let first = withUnsafeBytes(of: &v4) { $0.first ?? 0 }
            guard first == 127 else { throw ServeError.notLoopback(host) }
            return try sockaddr_in.inet(ip4: bare, port: port)
        }
        if bare == "::1" { return try sockaddr_in6.inet6(ip6: bare, port: port) }
        throw ServeError.notLoopback(host)
    }

    /// Serves until SIGINT or SIGTERM, then shuts down cleanly (a second signal exits at once).
    /// Returns the exit code: 0 after a clean stop, 1 when the server could not start.
    public static func serveUntilInterrupted(_ options: ServeOptions, log: @escaping @Sendable (String) -> Void) -> Int32 {
        let server: DevServer
        do {
            server = try DevServer(options: options, log: log)
        } catch {
            log("error: \(error)")
            return 1
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let finished = DispatchSemaphore(value: 0)
        let code = ErrorBox()
        let signals = DispatchQueue(label: "wazi.serve.signals")
        let received = ErrorBox()
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler {
                if received.get() != nil {
                    log("stopped")
                    exit(130)
                }
                received.set(CancellationError())
                log("stopping (Ctrl-C again to force)")
                Task {
                    await server.stop()
                    finished.signal()
                }
            }
            source.resume()
            return source
        }
        Task {
            do {
                let url = try await server.start()
                log("serving \(url) from \(server.siteFolder); watching \(options.build.content)/ and \(options.build.templates)/ (Ctrl-C to stop)")
            } catch {
                log("error: \(error)")
                code.set(error)
                await server.stop()
                finished.signal()
            }
        }
        finished.wait()
        sources.forEach { $0.cancel() }
        return code.get() == nil ? 0 : 1
    }
}

/// An error set from one task and read from another.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}
