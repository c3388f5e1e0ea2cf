import FlyingFox
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Answers every request of `wazi serve`: the built site's files, its 404 page, the event stream and
/// the reload script. GET and HEAD only; nothing outside the served folder, ever.
struct SiteHandler: HTTPHandler {
    let root: String
    let state: ServeState
    let hub: ReloadHub
    let instance: String

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let head = request.method == .HEAD
        guard head || request.method == .GET else {
            var response = text(.methodNotAllowed, "Only GET and HEAD are served.\n", head: false)
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let path = request.target.path(percentEncoded: true)
        let now = state.current
        switch path {
        case ServeHTML.eventsPath:
            return events(head: head, hello: "\(instance)-\(now.attempt)")
        case ServeHTML.scriptPath:
            return body(.ok, Data(ServeHTML.script.utf8), type: "text/javascript; charset=utf-8", head: head)
        case _ where path.hasPrefix(ServeHTML.prefix):
            return text(.notFound, "Not found.\n", head: head)
        default:
            break
        }
        guard now.hasSite else {
            // No build has succeeded yet: every page is the error list, and reloads once it is fixed.
            let page = ServeHTML.failurePage(now.overlay ?? "")
            return body(.internalServerError, Data(page.utf8), type: "text/html; charset=utf-8", head: head)
        }
        // Two tries: a rebuild swaps the folder, so a file found a moment ago may be read from the new one.
        for _ in 0..<2 {
            switch ServePath.resolve(target: path, root: root) {
            case .badRequest:
                return text(.badRequest, "Bad request.\n", head: head)
            case .redirect(let location):
                var response = text(.movedPermanently, "Moved to \(location)\n", head: head)
                response.headers[.location] = location
                return response
            case .notFound:
                return notFound(head: head, overlay: now.overlay)
            case .file(let file):
                if let response = serve(file, status: .ok, request: request, head: head, overlay: now.overlay) {
                    return response
                }
            }
        }
        return notFound(head: head, overlay: now.overlay)
    }

    /// The site's own 404.html, with status 404; a plain text one when the site has none.
    private func notFound(head: Bool, overlay: String?) -> HTTPResponse {
        if case .file(let page) = ServePath.resolve(target: "/404.html", root: root),
           let response = serve(page, status: .notFound, request: nil, head: head, overlay: overlay) {
            return response
        }
        return text(.notFound, "Not found.\n", head: head)
    }

    /// A file with its type and ETag; 304 when the request's If-None-Match has that ETag. Nil when the
    /// file cannot be opened (it went away in a rebuild).
    private func serve(_ path: String, status: HTTPStatusCode, request: HTTPRequest?, head: Bool, overlay: String?) -> HTTPResponse? {
        guard let (data, info) = Self.readFile(path) else { return nil }
        let type = MediaTypes.type(forPath: path)
        let html = MediaTypes.isHTML(type)
        // Identity, size and time of the file, plus the overlay shown in it: cheap, and a rebuilt file
        // is a new inode (unchanged files are hard-linked from the previous build, so they keep theirs).
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        var tag = String(format: "%llx-%llx-%llx.%lx", UInt64(info.st_ino), Int64(info.st_size), Int64(time.tv_sec), Int(time.tv_nsec))
        if html { tag += "-" + (overlay.map { String(UInt32(truncatingIfNeeded: $0.hashValue), radix: 16) } ?? "ok") }
        let etag = "\"\(tag)\""
        let payload = html ? ServeHTML.inject(into: data, overlay: overlay) : data
        if let request, status == .ok, Self.matches(request.headers[.ifNoneMatch], etag) {
            // No body; Content-Length, if sent, must be that of the 200 response (RFC 9110 §8.6).
            let headers: HTTPHeaders = [.eTag: etag, .cacheControl: "no-cache", .contentLength: String(payload.count)]
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        var response = body(status, payload, type: type, head: head)
        if status == .ok { response.headers[.eTag] = etag }
        return response
    }

    /// `If-None-Match: "a", W/"b"` or `*` (weak comparison, RFC 9110 §13.1.2).
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value == "*" || value == etag
        }
    }

    private func events(head: Bool, hello: String) -> HTTPResponse {
        let headers: HTTPHeaders = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
            HTTPHeader("X-Accel-Buffering"): "no",
        ]
        guard !head else { return HTTPResponse(statusCode: .ok, headers: headers) }
        let subscription = hub.subscribe(hello: hello)
        return HTTPResponse(statusCode: .ok, headers: headers,
                            body: HTTPBodySequence(from: EventStreamBytes(subscription: subscription), suggestedBufferSize: 16_384))
    }

    private func text(_ status: HTTPStatusCode, _ message: String, head: Bool) -> HTTPResponse {
        body(status, Data(message.utf8), type: "text/plain; charset=utf-8", head: head)
    }

    /// A complete body; for HEAD, the same headers (Content-Length included) and no body.
    private func body(_ status: HTTPStatusCode, _ data: Data, type: String, head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type,
            // Always revalidate: the preview changes with every save; the ETag makes that cheap.
            .cacheControl: "no-cache",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        guard head else { return HTTPResponse(statusCode: status, headers: headers, body: data) }
        headers[.contentLength] = String(data.count)
        return HTTPResponse(statusCode: status, headers: headers, body: Data())
    }

    /// Bytes and stat of one open file, so both describe the same version of it; O_NOFOLLOW because
    /// the resolved path has no symlink left, and one that appeared since must not be followed.
    static func readFile(_ path: String) -> (Data, stat)? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        var offset = 0
        while offset < data.count {
            let got = data.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return read(fd, base + offset, buffer.count - offset)
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            offset += got
        }
        // A file truncated while read: send what it holds now rather than zeros.
        if offset < data.count { data = data.prefix(offset) }
        return (data, info)
    }
}
