import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The last build's model on disk (`CacheFile` kind `model`), for the next one-shot build to patch
/// (see `KeptModel`): read while the input files are stamped, it replaces loading 10,000 files.
///
/// The header carries the model's context (the content folder, the date, the options, this build of
/// wazi): a file made under another is never read. Each commitment (with its milestones) is an entry
/// of its own, so that a patch holds only those changed, and all are read back on every core.
/// site.yaml and bodies.yaml are decoded again (the model's stamps say they did not change) and the
/// relations made again from the ids: both are small next to the items.
///
/// After a patch, only what differs from the last whole file is written, beside it (kind
/// `model-patch`, see `Base`): the commitments changed since, the stamps of the files changed since,
/// and what loading reported. Writing the whole file again (8 MB at 10,000 pages) was most of
/// keeping the model after one edit. A patch names the very file it applies to (as `stat` gave it
/// once written); a patch that grew past an eighth of that file is folded into a whole one.
struct ModelCache: Sendable {
    let model: KeptModel
    /// Each commitment's bytes (`CacheCodable`), in the site's order; nil for one as the whole file
    /// has it, which a model read back does not keep (see `read`).
    let commitments: [ArraySlice<UInt8>?]
    /// The bytes of the published files, meetings, notes and pages, which a patch does not change;
    /// nil when they are the whole file's, as for `commitments`.
    let others: [ArraySlice<UInt8>]?
    /// The whole file this model differs from by a patch, and how; nil when it is to be written whole.
    private(set) var base: Base?

    /// A whole model file, as written, and what a model differs from it by: the commitments (by
    /// place) and the files' stamps (by path) changed since.
    struct Base: Sendable {
        let file: JSONRecords.Document
        var commitments: Set<Int> = []
        var stamps: Set<String> = []
    }

    private static let kind = "model", patchKind = "model-patch"

    private static func header(_ context: UInt64) -> String { "form 1 " + String(context, radix: 16) }

    /// The model as the build made it: `previous`'s bytes kept for the commitments a patch left as
    /// they were (`changed` holds the others' places, `stamps` the paths of the files changed);
    /// every commitment encoded without one.
    init(model: KeptModel, previous: ModelCache?, changed: Set<Int>, stamps: Set<String>) {
        self.model = model
        let commitments = model.site.commitments
        if let previous, previous.commitments.count == commitments.count {
            var bytes = previous.commitments
            for index in changed { bytes[index] = commitments[index].cacheBytes[...] }
            self.commitments = bytes
            others = previous.others
            base = previous.base.map { base in
                var base = base
                base.commitments.formUnion(changed)
                base.stamps.formUnion(stamps)
                return base
            }
        } else {
            self.commitments = commitments.map { $0.cacheBytes[...] }
            let site = model.site
            others = [site.files.cacheBytes[...], site.meetings.cacheBytes[...], site.notes.cacheBytes[...], site.pages.cacheBytes[...]]
        }
    }

    private init(model: KeptModel, commitments: [ArraySlice<UInt8>?], others: [ArraySlice<UInt8>]?, base: Base?) {
        self.model = model
        self.commitments = commitments
        self.others = others
        self.base = base
    }

    /// The bytes of the commitment at `index`: kept, or encoded again from the model.
    private func bytes(ofCommitment index: Int) -> ArraySlice<UInt8> {
        commitments[index] ?? model.site.commitments[index].cacheBytes[...]
    }

    /// Writes the model, as a patch of its base when it has one and the patch stays small, else whole
    /// (then the base of the next ones); returns it with the base it now has.
    func write(output: String) -> ModelCache {
        let header = Self.header(model.context)
        if let base, base.commitments.reduce(0, { $0 + bytes(ofCommitment: $1).count }) <= base.file.size / 8 {
            CacheFile.write(output: output, kind: Self.patchKind, global: header) { writer in
                base.file.write(to: writer)
                writer.add(model.groups)
                writer.add(base.stamps.count)
                for path in base.stamps.sorted() {
                    writer.add(path)
                    writer.add(model.stamps[path] ?? 0)
                }
                writer.add(bytes: model.diagnostics.cacheBytes)
                writer.add(bytes: model.own.cacheBytes)
                writer.add(base.commitments.count)
                for index in base.commitments.sorted() {
                    writer.add(index)
                    writer.add(bytes: bytes(ofCommitment: index))
                }
            }
            return self
        }
        CacheFile.write(output: output, kind: Self.kind, global: header) { writer in
            writer.add(model.groups)
            writer.add(model.stamps.count)
            for (path, stamp) in model.stamps {
                writer.add(path)
                writer.add(stamp)
            }
            writer.add(bytes: model.diagnostics.cacheBytes)
            writer.add(bytes: model.own.cacheBytes)
            let site = model.site
            for part in others ?? [site.files.cacheBytes[...], site.meetings.cacheBytes[...], site.notes.cacheBytes[...],
                                   site.pages.cacheBytes[...]] {
                writer.add(bytes: part)
            }
            writer.add(commitments.count)
            for index in commitments.indices { writer.add(bytes: bytes(ofCommitment: index)) }
        }
        // A patch written for the file replaced would not apply: it goes.
        _ = unlink(CacheFile.location(output: output, kind: Self.patchKind))
        var info = stat()
        var written = self
        written.base = stat(CacheFile.location(output: output, kind: Self.kind), &info) == 0 ? Base(file: JSONRecords.Document(info)) : nil
        return written
    }

    /// The model kept beside `output` for content at `root` loaded with `options`; nil when there is
    /// none for them, or it does not read back whole, or `needed` (asked once the file is read)
    /// says it is not needed after all. The whole file, with its patch when there is one for it.
    static func read(output: String, root: String, options: LoadOptions, threads: Int,
                     needed: () -> Bool = { true }) -> ModelCache? {
        let context = KeptModel.context(root: root, options: options)
        var info = stat()
        guard var fields = CacheFile.read(output: output, kind: kind, global: header(context), status: &info),
              var groups = fields.int(), var stamps = fields.pairs({ $0.number() }),
              let diagnostics = fields.range(), let own = fields.range(), let files = fields.range(),
              let meetings = fields.range(), let notes = fields.range(), let pages = fields.range(),
              let ranges = fields.list({ $0.range() }), fields.atEnd, needed() else { return nil }
        let source = fields.source
        var base = Base(file: JSONRecords.Document(info))
        // Where each part is read from: the whole file, or the patch.
        var commitments = ranges.map { source[$0] }
        var reported = (diagnostics: source[diagnostics], own: source[own])
        if let patch = Patch.read(output: output, header: header(context), base: base.file) {
            groups = patch.groups
            for (path, stamp) in patch.stamps {
                stamps[path] = stamp
                base.stamps.insert(path)
            }
            reported = (patch.diagnostics, patch.own)
            for (index, bytes) in patch.commitments {
                guard commitments.indices.contains(index) else { return nil }
                commitments[index] = bytes
                base.commitments.insert(index)
            }
        }
        // Everything but the commitments on a lane of its own, beside them: read while the build
        // waits, after it found something changed.
        struct Others: Sendable {
            let diagnostics: [Diagnostic], own: [String: [Diagnostic]], files: [String], meetings: [Meeting], notes: [Note],
                pages: [Page], config: SiteConfig, bodies: [GovernanceBody]
        }
        let parts = reported
        let others = Lane.start(threads: threads) { () -> Others? in
            guard let diagnosticList = try? [Diagnostic](cacheBytes: parts.diagnostics),
                  let ownLists = try? [String: [Diagnostic]](cacheBytes: parts.own),
                  let fileList = try? [String](cacheBytes: source, in: files),
                  let meetingList = try? [Meeting](cacheBytes: source, in: meetings),
                  let noteList = try? [Note](cacheBytes: source, in: notes),
                  let pageList = try? [Page](cacheBytes: source, in: pages) else { return nil }
            // What they report is in `diagnostics` already.
            let log = DiagnosticLog()
            let tree = ContentTree(root: root, markdown: [], files: fileList)
            guard let config = SiteConfigDecoder.decode(tree, baseURLOverride: options.baseURL, log: log) else { return nil }
            return Others(diagnostics: diagnosticList, own: ownLists, files: fileList, meetings: meetingList, notes: noteList,
                          pages: pageList, config: config, bodies: SiteConfigDecoder.decodeBodies(tree, log: log))
        }
        let slices = commitments
        let decoded = parallelChunks(Array(slices.indices), size: 64, threads: threads) { chunk in
            chunk.map { try? Commitment(cacheBytes: slices[$0]) }
        }.joined()
        var site: [Commitment] = []
        site.reserveCapacity(ranges.count)
        for commitment in decoded {
            guard let commitment else { return nil }
            site.append(commitment)
        }
        guard let others = others.value else { return nil }
        let model = KeptModel(context: context,
                              site: Site(config: others.config, asOf: options.asOf, commitments: site, bodies: others.bodies,
                                         meetings: others.meetings, notes: others.notes, pages: others.pages, files: others.files,
                                         relations: Relations(commitments: site, meetings: others.meetings, notes: others.notes)),
                              diagnostics: others.diagnostics, stamps: stamps, own: others.own, groups: groups)
        // The whole file's bytes are not kept: given back now, its memory serves what the build does
        // next (the kernel zeroes every page taken fresh). A whole file written again encodes them.
        let changed = base.commitments
        return ModelCache(model: model, commitments: commitments.indices.map { changed.contains($0) ? commitments[$0] : nil },
                          others: nil, base: base)
    }

    /// What a patch file holds (see `write`), read only when it names the whole file as it is.
    private struct Patch {
        var groups = 0
        var stamps: [(String, UInt64)] = []
        var diagnostics: ArraySlice<UInt8> = []
        var own: ArraySlice<UInt8> = []
        var commitments: [(Int, ArraySlice<UInt8>)] = []

        static func read(output: String, header: String, base: JSONRecords.Document) -> Patch? {
            guard var fields = CacheFile.read(output: output, kind: ModelCache.patchKind, global: header),
                  JSONRecords.Document(&fields) == base, let groups = fields.int(),
                  let stamps = fields.list({ reader -> (String, UInt64)? in
                      guard let path = reader.text(), let stamp = reader.number() else { return nil }
                      return (path, stamp)
                  }),
                  let diagnostics = fields.range(), let own = fields.range(),
                  let commitments = fields.list({ reader -> (Int, Range<Int>)? in
                      guard let index = reader.int(), let bytes = reader.range() else { return nil }
                      return (index, bytes)
                  }), fields.atEnd else { return nil }
            let source = fields.source
            return Patch(groups: groups, stamps: stamps, diagnostics: source[diagnostics], own: source[own],
                         commitments: commitments.map { ($0, source[$1]) })
        }
    }
}
