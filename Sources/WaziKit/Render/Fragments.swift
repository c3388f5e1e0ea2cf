import Foundation

/// Parts of pages that many pages share (the main navigation, the rows of lists), each rendered
/// through its partial template once per distinct model and reused: Mustache lookups are most of a
/// page's cost. One per build; safe to use from several threads.
///
/// Rows are also kept from one build to the next (`RowCache`): each carries a fingerprint of the
/// items it shows, and a stored row is reused only while that fingerprint, and everything every page
/// depends on (the build's global fingerprint), are the same.
final class Fragments: @unchecked Sendable {
    private let theme: Theme
    private var rendered: [String: RawHTML] = [:]
    /// Fingerprints of the rows rendered in this build (not reused), by key.
    private var made: [String: UInt64] = [:]
    /// Rows of the previous build with the same global fingerprint.
    private var stored = StoredRows.none
    private var problems: Set<Diagnostic> = []
    private let lock = NSLock()
    /// Rows taken from the previous build.
    private(set) var reusedRows = 0

    init(theme: Theme) { self.theme = theme }

    /// Offers the previous build's rows (see `RowCache`) for reuse.
    func offer(_ rows: StoredRows) {
        lock.withLock { stored = rows }
    }

    /// The rows offered (see `offer`).
    var offered: StoredRows { lock.withLock { stored } }

    /// The rows this build rendered, in the order of their keys: with the rows offered (those
    /// replaced by these aside), what the next build may reuse.
    var madeRows: [(key: String, fingerprint: UInt64, html: RawHTML)] {
        lock.withLock {
            made.sorted { $0.key < $1.key }.compactMap { key, fingerprint in rendered[key].map { (key, fingerprint, $0) } }
        }
    }

    /// Stands for the path to the site root in a fragment shared by pages at different depths: a
    /// control character, which `HTML.escape` never lets through from content, so none can forge it.
    static let rootMark = "\u{1}"

    /// `template` rendered with `model`; `key` must name everything the output depends on (the
    /// language is added). The final newline is dropped: the layout puts the fragment on its own line.
    /// With `root`, the model is made with `rootMark` for the root (`PageContext.relocatable`), so one
    /// rendering serves every depth, and the mark is replaced by `root` on the way out.
    ///
    /// With `fingerprint` (of everything the model shows), the fragment is a row kept for the next
    /// build, and one the previous build stored with the same fingerprint is used as it is.
    func render(_ template: String, key: String, language: String, root: String? = nil, fingerprint: UInt64? = nil,
                model: () -> any Encodable) -> RawHTML {
        let key = template + "\u{2}" + language + "\u{2}" + key
        let fragment = lock.withLock({ () -> RawHTML? in
            if let done = rendered[key] { return done }
            guard let fingerprint, let reused = stored.row(key, fingerprint: fingerprint) else { return nil }
            rendered[key] = reused
            reusedRows += 1
            return reused
        }) ?? make(template, key: key, language: language, fingerprint: fingerprint, model: model)
        return root.map { Self.relocate(fragment, to: $0) } ?? fragment
    }

    private func make(_ template: String, key: String, language: String, fingerprint: UInt64?,
                      model: () -> any Encodable) -> RawHTML {
        let made = theme.render(template, layers: [model()], language: language)
        let bytes = made.bytes
        // A final line feed goes, not a CR LF (one Character, which the layout's line keeps).
        let fragment = RawHTML(utf8: bytes.endsLine(before: bytes.count) ? Array(bytes.dropLast()) : bytes)
        lock.withLock {
            rendered[key] = fragment
            if let fingerprint { self.made[key] = fingerprint }
            problems.formUnion(made.diagnostics(theme, template: template) {
                "template uses '{{\($0)}}', which \(template) is not given"
            })
        }
        return fragment
    }

    /// `html` with each relocation mark replaced by `root`: runs between marks are copied whole (iterating
    /// a String's UTF-8 view byte by byte cost ten times as much), and kept as bytes.
    private static func relocate(_ html: RawHTML, to root: String) -> RawHTML {
        let relocated = html.withUTF8 { bytes -> RawHTML? in
            guard var mark = bytes.firstIndex(of: 1) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var run = 0
            while true {
                out.append(contentsOf: bytes[run..<mark])
                out.append(utf8: root)
                run = mark + 1
                guard let next = bytes[run...].firstIndex(of: 1) else { break }
                mark = next
            }
            out.append(contentsOf: bytes[run...])
            return RawHTML(utf8: out)
        }
        return relocated ?? html
    }

    /// Variables the fragments' templates use and their models lack.
    var diagnostics: [Diagnostic] { lock.withLock { problems.sorted() } }
}
