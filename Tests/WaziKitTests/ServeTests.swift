import Foundation
import XCTest
@testable import WaziKit

/// `wazi serve` on loopback: pages and their types, HEAD, ETag, the 404 page, live reload, the error
/// overlay, path traversal, a bounded concurrent load and shutdown. Every request goes to 127.0.0.1.
final class ServeTests: XCTestCase {

    func testServesPagesWithTheirTypesHeadAndETags() throws {
        let server = try startServer(self, content: try copyOfExample(self))
        let port = server.port

        let home = try RawHTTP.request(port: port, "/")
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(home.text.contains(ServeHTML.scriptTag + "</body>"), "reload script before </body>")
        // Only served pages get the script; the built file does not.
        let built = try read(server.siteFolder + "/index.html")
        XCTAssertFalse(built.contains("__wazi"))
        XCTAssertEqual(home.body.count, built.utf8.count + ServeHTML.scriptTag.utf8.count)

        let types = [
            "/assets/style.css": "text/css; charset=utf-8",
            "/data/commitments.csv": "text/csv; charset=utf-8",
            "/data/datapackage.json": "application/json",
            "/data/catalog.jsonld": "application/ld+json",
            "/meetings.ics": "text/calendar; charset=utf-8",
            "/feed.xml": "application/xml; charset=utf-8",
            "/sitemap.xml": "application/xml; charset=utf-8",
            "/robots.txt": "text/plain; charset=utf-8",
            "/files/guidance-note-template.txt": "text/plain; charset=utf-8",
            "/commitments/kenms0005/": "text/html; charset=utf-8",
            "/fr/": "text/html; charset=utf-8",
            "/__wazi/reload.js": "text/javascript; charset=utf-8",
        ]
        for (path, type) in types.sorted(by: { $0.key < $1.key }) {
            let response = try RawHTTP.request(port: port, path)
            XCTAssertEqual(response.status, 200, path)
            XCTAssertEqual(response["content-type"], type, path)
            if !type.hasPrefix("text/html") && path.hasPrefix("/__wazi") == false {
                // Everything but pages is sent exactly as built.
                XCTAssertEqual(response.body, FileManager.default.contents(atPath: server.siteFolder + path), path)
            }
        }

        // HEAD: the GET's headers, Content-Length included, and no body.
        let head = try RawHTTP.request(port: port, "/", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head["content-length"], String(home.body.count))
        XCTAssertEqual(head["etag"], home["etag"])
        XCTAssertTrue(head.body.isEmpty)

        // ETag and If-None-Match.
        let etag = try XCTUnwrap(home["etag"])
        XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\""))
        let cached = try RawHTTP.request(port: port, "/", headers: ["If-None-Match": etag])
        XCTAssertEqual(cached.status, 304)
        XCTAssertTrue(cached.body.isEmpty)
        XCTAssertEqual(try RawHTTP.request(port: port, "/", headers: ["If-None-Match": "W/\(etag), \"other\""]).status, 304)
        XCTAssertEqual(try RawHTTP.request(port: port, "/", headers: ["If-None-Match": "\"stale\""]).status, 200)
        let css = try RawHTTP.request(port: port, "/assets/style.css")
        XCTAssertEqual(try RawHTTP.request(port: port, "/assets/style.css", headers: ["If-None-Match": css["etag"] ?? ""]).status, 304)

        // Folders: index.html, and a redirect to the slash form so relative links resolve.
        let redirect = try RawHTTP.request(port: port, "/commitments/kenms0005")
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect["location"], "/commitments/kenms0005/")
        XCTAssertEqual(try RawHTTP.request(port: port, "/commitments/kenms0005/?q=1").status, 200)

        // The site's own 404 page, with status 404 (and the reload script, being HTML).
        let missing = try RawHTTP.request(port: port, "/no/such/page/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(missing.text.hasPrefix(try read(server.siteFolder + "/404.html").components(separatedBy: "</body>")[0]))
        XCTAssertTrue(missing.text.contains(ServeHTML.scriptTag))
        XCTAssertEqual(try RawHTTP.request(port: port, "/no/such/page", method: "HEAD").status, 404)
        XCTAssertEqual(try RawHTTP.request(port: port, "/feed.xml/").status, 404, "a file is not a folder")
        XCTAssertEqual(try RawHTTP.request(port: port, "/__wazi/nothing").status, 404)

        // Only GET and HEAD.
        let post = try RawHTTP.request(port: port, raw: Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
        XCTAssertEqual(post.status, 405)
        XCTAssertEqual(post["allow"], "GET, HEAD")
    }

    /// Every encoding of a way out of the served folder is answered 400 or 404, and no byte of a file
    /// outside it is ever sent.
    func testPathTraversalNeverLeavesTheServedFolder() throws {
        let server = try startServer(self, content: try copyOfExample(self))
        let port = server.port
        // A secret beside the served folder, and symlinks inside it that lead to it.
        let secret = "TOP-SECRET-" + UUID().uuidString
        try write(secret, to: server.folder + "/secret.txt")
        try write(secret, to: server.folder + "/private/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: server.siteFolder + "/link-out", withDestinationPath: server.folder + "/private")
        try FileManager.default.createSymbolicLink(atPath: server.siteFolder + "/secret-link.txt", withDestinationPath: server.folder + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: server.siteFolder + "/passwd-link", withDestinationPath: "/etc/passwd")
        let depth = String(repeating: "../", count: 12)

        let targets = [
            "/../secret.txt",
            "/" + depth + "etc/passwd",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/%2e%2e%2fsecret.txt",
            "/.%2e/secret.txt",
            "/%2e./secret.txt",
            "/%252e%252e/secret.txt",
            "/%252e%252e%252fsecret.txt",
            "/..%5csecret.txt",
            "/..%5Csecret.txt",
            "/..\\secret.txt",
            "/\\..\\secret.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/%c0%ae%c0%ae%c0%afsecret.txt",
            "/..%c0%afsecret.txt",
            "/%e0%80%ae%e0%80%ae/secret.txt",
            "/%u002e%u002e/secret.txt",
            "/index.html%00/../../secret.txt",
            "/secret.txt%00.html",
            "/%00",
            "//etc/passwd",
            "/etc/passwd",
            "/%2fetc%2fpasswd",
            "/assets/../../secret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt",
            "/./../secret.txt",
            "/..;/secret.txt",
            "/....//....//secret.txt",
            "/link-out/secret.txt",
            "/link-out/",
            "/secret-link.txt",
            "/passwd-link",
            "http://127.0.0.1/../secret.txt",
            "http://127.0.0.1/%2e%2e/secret.txt",
            "/%",
            "/%zz/secret.txt",
        ]
        XCTAssertGreaterThanOrEqual(targets.count, 15)
        for target in targets {
            for method in ["GET", "HEAD"] {
                let response = try RawHTTP.request(port: port, target, method: method)
                XCTAssertTrue([400, 404].contains(response.status), "\(method) \(target) → \(response.status)")
                XCTAssertFalse(response.text.contains(secret), "\(target) leaked the secret")
                XCTAssertFalse(response.text.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
            }
        }
        // A raw NUL byte in the request line.
        let nul = try RawHTTP.request(port: port, raw: Array("GET /secret.txt\u{0}/../../secret.txt HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
        XCTAssertTrue([400, 404].contains(nul.status))
        XCTAssertFalse(nul.text.contains(secret))
        // The server still serves the site after all that.
        XCTAssertEqual(try RawHTTP.request(port: port, "/").status, 200)
    }

    func testPathResolutionRules() throws {
        let root = try temporaryFolder(self) + "/site"
        try write("home", to: root + "/index.html")
        try write("a", to: root + "/a b/index.html")
        try write("x", to: root + "/data/x.csv")
        try write("outside", to: root + "/../outside.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/inside-link.csv", withDestinationPath: root + "/data/x.csv")
        try FileManager.default.createSymbolicLink(atPath: root + "/outside-link", withDestinationPath: root + "/../outside.txt")
        let real = ServePath.realPath(root) ?? root

        XCTAssertEqual(ServePath.resolve(target: "/", root: root), .file(real + "/index.html"))
        XCTAssertEqual(ServePath.resolve(target: "/data/x.csv?download=1", root: root), .file(real + "/data/x.csv"))
        XCTAssertEqual(ServePath.resolve(target: "/a%20b/", root: root), .file(real + "/a b/index.html"))
        XCTAssertEqual(ServePath.resolve(target: "/a%20b", root: root), .redirect("/a%20b/"))
        XCTAssertEqual(ServePath.resolve(target: "//data", root: root), .redirect("/data/"), "never a protocol-relative //host")
        XCTAssertEqual(ServePath.resolve(target: "/data/", root: root), .notFound, "a folder without index.html")
        XCTAssertEqual(ServePath.resolve(target: "/inside-link.csv", root: root), .file(real + "/data/x.csv"))
        XCTAssertEqual(ServePath.resolve(target: "/outside-link", root: root), .notFound)
        XCTAssertEqual(ServePath.resolve(target: "/../outside.txt", root: root), .badRequest)
        XCTAssertEqual(ServePath.resolve(target: "/%2e%2e/outside.txt", root: root), .badRequest)
        XCTAssertEqual(ServePath.resolve(target: "relative", root: root), .badRequest)
        XCTAssertEqual(ServePath.resolve(target: "*", root: root), .badRequest)
    }

    func testReloadScriptAndOverlayAreOnlyAddedWhenServing() {
        let page = Data("<html><body><p>x</p></BODY></html>".utf8)
        XCTAssertEqual(String(decoding: ServeHTML.inject(into: page, overlay: nil), as: UTF8.self),
                       "<html><body><p>x</p>\(ServeHTML.scriptTag)</BODY></html>")
        XCTAssertEqual(String(decoding: ServeHTML.inject(into: Data("plain".utf8), overlay: nil), as: UTF8.self),
                       "plain" + ServeHTML.scriptTag)
        let overlay = ServeHTML.overlay([Diagnostic(.error, SourceLocation(file: "content/<b>.md", line: 3, column: 1),
                                                    "unknown key '<script>alert(1)</script>' & more")])
        XCTAssertTrue(overlay.contains("content/&lt;b&gt;.md:3:1: error: unknown key &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; &amp; more"))
        XCTAssertFalse(overlay.contains("<script>alert"))
        XCTAssertEqual(ReloadHub.event("failed", "a\nb"), "event: failed\ndata: a\ndata: b\n\n")
    }

    func testOnlyLoopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
            XCTAssertNoThrow(try DevServer.checkHost(host), host)
        }
        for host in ["0.0.0.0", "192.168.1.10", "10.0.0.1", "::", "example.org", "", "128.0.0.1"] {
            XCTAssertThrowsError(try DevServer.checkHost(host), host)
        }
    }

    /// Save → rebuilt → the page shows it and the event stream says reload, within 2 s; a broken file
    /// → the overlay with its located, escaped diagnostics while the last good site stays served.
    func testLiveReloadAndErrorOverlay() throws {
        let content = try copyOfExample(self)
        let server = try startServer(self, content: content)
        let port = server.port
        let events = try EventStreamReader(port: port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.received)
        XCTAssertNotNil(waitUntil(timeout: 2) { server.listeners == 1 })

        // 1. A change is served, and announced, within 2 s.
        let page = content + "/pages/about.md"
        let before = try RawHTTP.request(port: port, "/pages/about/")
        XCTAssertEqual(before.status, 200)
        let mark = events.received.endIndex
        let saved = Date()
        try edit(page, replacing: "title: \"About this site\"", with: "title: \"About the live preview\"")
        let shown = waitUntil(timeout: 2) {
            (try? RawHTTP.request(port: port, "/pages/about/"))?.text.contains("About the live preview") == true
        }
        XCTAssertNotNil(shown, "change not visible within 2 s")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark, timeout: 2), events.received)
        let latency = Date().timeIntervalSince(saved)
        print("serve: change visible after \(String(format: "%.3f", shown ?? -1)) s, reload event after \(String(format: "%.3f", latency)) s")

        // 2. A broken file: the overlay, escaped, while the last good build stays served.
        let failedMark = events.received.endIndex
        try edit(page, replacing: "menu: 1", with: "menu: 1\n\"<img src=x onerror=alert(1)>\": 1")
        XCTAssertTrue(events.wait(for: "event: failed", after: failedMark, timeout: 2), events.received)
        // Waits for this very diagnostic: an editor's save can show a half-written file to one poll first.
        XCTAssertTrue(events.wait(for: "onerror=alert(1)&gt;", after: failedMark, timeout: 2), events.received)
        let stream = String(events.received[failedMark...])
        XCTAssertTrue(stream.contains("pages/about.md:"), stream)
        XCTAssertTrue(stream.contains("&lt;img src=x onerror=alert(1)&gt;"), stream)
        XCTAssertFalse(stream.contains("<img src=x"), "diagnostics must be escaped")
        let during = try RawHTTP.request(port: port, "/pages/about/")
        XCTAssertEqual(during.status, 200, "the last good site stays served")
        XCTAssertTrue(during.text.contains("About the live preview"))
        XCTAssertTrue(during.text.contains("id=\"wazi-overlay\""))
        XCTAssertTrue(during.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertFalse(during.text.contains("<img src=x"))
        XCTAssertFalse(try read(server.siteFolder + "/pages/about/index.html").contains("wazi-overlay"))
        let other = try RawHTTP.request(port: port, "/", headers: ["If-None-Match": before["etag"] ?? ""])
        XCTAssertEqual(other.status, 200, "the overlay changes the page, so its ETag")

        // 3. Fixed: reload, no overlay.
        let fixedMark = events.received.endIndex
        try edit(page, replacing: "\n\"<img src=x onerror=alert(1)>\": 1", with: "")
        XCTAssertTrue(events.wait(for: "event: reload", after: fixedMark, timeout: 2), events.received)
        XCTAssertFalse(try RawHTTP.request(port: port, "/pages/about/").text.contains("wazi-overlay"))
        XCTAssertGreaterThanOrEqual(server.builds, 4)
    }

    /// A rebuild takes every unchanged content file as the last build decoded it, from memory (see
    /// `BuildSession`), and says so under --timings.
    func testRebuildsTakeUnchangedFilesFromMemory() throws {
        let content = try copyOfExample(self)
        let log = LogLines()
        let server = try startServer(self, content: content, timings: true, log: log.append)
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.received)
        let mark = events.received.endIndex
        try edit(content + "/pages/about.md", replacing: "title: \"About this site\"", with: "title: \"About the session\"")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark, timeout: 2), events.received)
        let files = try FileManager.default.subpathsOfDirectory(atPath: content)
            .filter { $0.hasSuffix(".md") && $0.split(separator: ".").count == 2 }
        XCTAssertGreaterThan(files.count, 10)
        XCTAssertTrue(log.text.contains("files decoded (\(files.count - 1) from memory, the folder's tree too)"), log.text)
    }

    /// 2,000 requests from 50 concurrent clients, each on its own connection: no error, no wrong answer.
    func testBoundedConcurrentLoad() throws {
        let server = try startServer(self, content: try copyOfExample(self))
        let port = server.port
        let paths = ["/", "/commitments/kenms0005/", "/assets/style.css", "/data/milestones.csv",
                     "/meetings.ics", "/feed.xml", "/fr/", "/data/wazi.json", "/no/such/page", "/commitments"]
        let expected = [200, 200, 200, 200, 200, 200, 200, 200, 404, 301]
        let total = 2_000
        let concurrency = 50
        let stats = LoadStats()
        let group = DispatchGroup()
        let started = Date()
        for worker in 0..<concurrency {
            group.enter()
            // Threads, not tasks: blocking socket calls must not hold Swift's cooperative threads,
            // which the server in this process runs on.
            Thread {
                defer { group.leave() }
                for i in stride(from: worker, to: total, by: concurrency) {
                    let which = i % paths.count
                    let t0 = Date()
                    do {
                        let response = try RawHTTP.request(port: port, paths[which], timeout: 10)
                        let wrong = response.status == expected[which] ? nil : "\(paths[which]) → \(response.status)"
                        stats.record(Date().timeIntervalSince(t0), error: wrong)
                    } catch {
                        stats.record(Date().timeIntervalSince(t0), error: "\(paths[which]): \(error)")
                    }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success, "load did not finish in 120 s")
        let seconds = Date().timeIntervalSince(started)
        let (latencies, errors) = stats.snapshot
        XCTAssertEqual(latencies.count, total)
        XCTAssertEqual(errors, [], "\(errors.count) errors")
        let sorted = latencies.sorted()
        if let slowest = sorted.last {
            let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            print(String(format: "serve load: %d requests, concurrency %d, %d errors, %.2f s (%.0f req/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                         total, concurrency, errors.count, seconds, Double(total) / seconds, p50 * 1000, p99 * 1000, slowest * 1000))
        }
    }

    /// Stop ends the event streams, closes the port and removes the temporary folder.
    func testStopIsGraceful() throws {
        let server = try startServer(self, content: try copyOfExample(self))
        let port = server.port
        let events = try EventStreamReader(port: port)
        XCTAssertTrue(events.wait(for: "event: hello"))
        let started = Date()
        stopServer(server)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertTrue(events.waitForEnd(), "the event stream was not closed")
        XCTAssertThrowsError(try RawHTTP.request(port: port, "/", timeout: 1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.folder))
    }

    /// A site that has never built: every page is the error list (status 500), and it builds once fixed.
    func testFirstBuildFailingShowsErrorsThenRecovers() throws {
        let site = try MiniSite(self)
        try site.commitment(extra: "colour: blue")
        let server = try startServer(self, content: site.root)
        let page = try RawHTTP.request(port: server.port, "/")
        XCTAssertEqual(page.status, 500)
        XCTAssertTrue(page.text.contains("unknown key &#39;colour&#39;"), page.text)
        XCTAssertTrue(page.text.contains(ServeHTML.scriptTag))
        try edit(site.root + "/commitments/T0001/index.md", replacing: "colour: blue", with: "")
        XCTAssertNotNil(waitUntil(timeout: 2) { (try? RawHTTP.request(port: server.port, "/"))?.status == 200 })
    }
}

/// Latencies and errors of the load test's threads.
final class LoadStats: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var errors: [String] = []

    func record(_ seconds: Double, error: String?) {
        lock.withLock {
            latencies.append(seconds)
            if let error { errors.append(error) }
        }
    }

    var snapshot: ([Double], [String]) { lock.withLock { (latencies, errors) } }
}

/// Lines logged from the server's threads.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
