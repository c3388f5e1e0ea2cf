import Foundation
import XCTest
@testable import WaziKit
#if canImport(Glibc)
import Glibc
#endif

/// A response read off a raw socket: what the server sent, byte for byte, with no client in between
/// that would normalise the path or follow redirects.
struct RawResponse {
    let status: Int
    /// Lower-cased names.
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    subscript(_ name: String) -> String? { headers[name.lowercased()] }
}

enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A connected TCP socket to 127.0.0.1 with send and receive timeouts. Loopback only, always.
    static func connect(port: UInt16, timeout: Double = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: \(errno)") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: __suseconds_t((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw Failure("connect: errno \(code)")
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure("send: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads what is available, or nil at end of stream; throws on timeout.
    static func receive(_ fd: Int32) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if got == 0 { return nil }
        guard got > 0 else { throw Failure("recv: errno \(errno)") }
        return Array(buffer[..<got])
    }

    /// One request on its own connection (`Connection: close`), the raw target sent as given.
    static func request(port: UInt16, _ target: String, method: String = "GET", headers: [String: String] = [:],
                        timeout: Double = 5) throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return try request(port: port, raw: Array((head + "\r\n").utf8), method: method, timeout: timeout)
    }

    static func request(port: UInt16, raw: [UInt8], method: String = "GET", timeout: Double = 5) throws -> RawResponse {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }
        try send(fd, raw)
        var bytes: [UInt8] = []
        while let chunk = try receive(fd) { bytes += chunk }
        return try parse(bytes, head: method == "HEAD")
    }

    static func parse(_ bytes: [UInt8], head: Bool) throws -> RawResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw Failure("no complete response (\(bytes.count) bytes)")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure("bad status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if head || status == 304 {
            body = []
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try dechunk(body)
        } else if let length = headers["content-length"].flatMap(Int.init) {
            guard body.count >= length else { throw Failure("short body: \(body.count) of \(length)") }
            body = Array(body.prefix(length))
        }
        return RawResponse(status: status, headers: headers, body: Data(body))
    }

    static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = bytes[index...].firstIndex(of: 0x0D) else { throw Failure("bad chunk") }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16) else { throw Failure("bad chunk size") }
            index = lineEnd + 2
            if size == 0 { return out }
            guard index + size <= bytes.count else { throw Failure("short chunk") }
            out += bytes[index..<(index + size)]
            index += size + 2
        }
    }
}

/// An open `/__wazi/events` stream, read on the test's thread.
final class EventStreamReader {
    let fd: Int32
    private(set) var received = ""

    init(port: UInt16) throws {
        fd = try RawHTTP.connect(port: port, timeout: 0.2)
        try RawHTTP.send(fd, Array("GET /__wazi/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8))
    }

    deinit { close(fd) }

    /// Reads until `text` has arrived (after `from`), the stream ends or `timeout` passes.
    @discardableResult
    func wait(for text: String, after from: String.Index? = nil, timeout: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if received[(from ?? received.startIndex)...].contains(text) { return true }
            do {
                guard let chunk = try RawHTTP.receive(fd) else { return received[(from ?? received.startIndex)...].contains(text) }
                received += String(decoding: chunk, as: UTF8.self)
            } catch {
                continue // receive timeout: poll again until the deadline
            }
        }
        return received[(from ?? received.startIndex)...].contains(text)
    }

    /// True once the server closed the stream.
    func waitForEnd(timeout: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            do {
                guard let chunk = try RawHTTP.receive(fd) else { return true }
                received += String(decoding: chunk, as: UTF8.self)
            } catch {
                continue
            }
        }
        return false
    }
}

/// A DevServer on a free loopback port for one test, stopped when the test ends.
func startServer(_ test: XCTestCase, content: String, templates: String = defaultTheme,
                 poll: Double = 0.05, timings: Bool = false, log: @escaping @Sendable (String) -> Void = { _ in },
                 file: StaticString = #filePath, line: UInt = #line) throws -> DevServer {
    let build = BuildOptions(content: content, templates: templates, output: "unused",
                             load: LoadOptions(asOf: exampleAsOf), threads: 2)
    var options = ServeOptions(build: build, host: "127.0.0.1", port: 0, pollInterval: poll)
    options.timings = timings
    let server = try DevServer(options: options, log: log)
    let started = DispatchSemaphore(value: 0)
    let failure = ErrorBox()
    Task {
        do { _ = try await server.start() } catch { failure.set(error) }
        started.signal()
    }
    // The test thread is not one of Swift's cooperative threads, so blocking it is fine.
    XCTAssertEqual(started.wait(timeout: .now() + 30), .success, "server did not start", file: file, line: line)
    if let error = failure.get() { throw error }
    test.addTeardownBlock { stopServer(server) }
    return server
}

func stopServer(_ server: DevServer) {
    let stopped = DispatchSemaphore(value: 0)
    Task {
        await server.stop()
        stopped.signal()
    }
    _ = stopped.wait(timeout: .now() + 10)
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns the seconds it took, or nil.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if condition() { return Date().timeIntervalSince(start) }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return condition() ? Date().timeIntervalSince(start) : nil
}
