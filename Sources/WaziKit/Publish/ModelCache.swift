import Foundation

/// The last build's model on disk (`CacheFile` kind `model`), for the next one-shot build to patch
/// (see `KeptModel`): read while the input files are stamped, it replaces loading 10,000 files.
///
/// The header carries the model's context (the content folder, the date, the options, this build of
/// wazi): a file made under another is never read. Each commitment (with its milestones) is an entry
/// of its own, so that after a patch the unchanged ones are written again from their bytes, and read
/// back on every core. site.yaml and bodies.yaml are decoded again (the model's stamps say they did
/// not change) and the relations made again from the ids: both are small next to the items.
struct ModelCache: Sendable {
    let model: KeptModel
    /// Each commitment's bytes (`CacheCodable`), in the site's order.
    let commitments: [ArraySlice<UInt8>]
    /// The bytes of the published files, meetings, notes and pages, which a patch does not change.
    let others: [ArraySlice<UInt8>]

    private static let kind = "model"

    private static func header(_ context: UInt64) -> String { "form 1 " + String(context, radix: 16) }

    /// The model as the build made it: `previous`'s bytes kept for the commitments a patch left as
    /// they were (`changed` holds the others' places); every commitment encoded without one.
    init(model: KeptModel, previous: ModelCache?, changed: Set<Int>) {
        self.model = model
        let commitments = model.site.commitments
        if let previous, previous.commitments.count == commitments.count {
            var bytes = previous.commitments
            for index in changed { bytes[index] = commitments[index].cacheBytes[...] }
            self.commitments = bytes
            others = previous.others
        } else {
            self.commitments = commitments.map { $0.cacheBytes[...] }
            let site = model.site
            others = [site.files.cacheBytes[...], site.meetings.cacheBytes[...], site.notes.cacheBytes[...], site.pages.cacheBytes[...]]
        }
    }

    private init(model: KeptModel, commitments: [ArraySlice<UInt8>], others: [ArraySlice<UInt8>]) {
        self.model = model
        self.commitments = commitments
        self.others = others
    }

    func write(output: String) {
        CacheFile.write(output: output, kind: Self.kind, global: Self.header(model.context)) { writer in
            writer.add(model.groups)
            writer.add(model.stamps.count)
            for (path, stamp) in model.stamps {
                writer.add(path)
                writer.add(stamp)
            }
            writer.add(bytes: model.diagnostics.cacheBytes)
            writer.add(bytes: model.own.cacheBytes)
            for bytes in others { writer.add(bytes: bytes) }
            writer.add(commitments.count)
            for bytes in commitments { writer.add(bytes: bytes) }
        }
    }

    /// The model kept beside `output` for content at `root` loaded with `options`; nil when there is
    /// none for them, or it does not read back whole, or `needed` (asked once the file is read)
    /// says it is not needed after all.
    static func read(output: String, root: String, options: LoadOptions, threads: Int,
                     needed: () -> Bool = { true }) -> ModelCache? {
        let context = KeptModel.context(root: root, options: options)
        guard var fields = CacheFile.read(output: output, kind: kind, global: header(context)),
              let groups = fields.int(), let stamps = fields.pairs({ $0.number() }),
              let diagnostics = fields.range(), let own = fields.range(), let files = fields.range(),
              let meetings = fields.range(), let notes = fields.range(), let pages = fields.range(),
              let ranges = fields.list({ $0.range() }), fields.atEnd, needed() else { return nil }
        let source = fields.source
        // Everything but the commitments on a lane of its own, beside them: read while the build
        // waits, after it found something changed.
        struct Others: Sendable {
            let diagnostics: [Diagnostic], own: [String: [Diagnostic]], files: [String], meetings: [Meeting], notes: [Note],
                pages: [Page], config: SiteConfig, bodies: [GovernanceBody]
        }
        let others = Lane.start(threads: threads) { () -> Others? in
            guard let diagnosticList = try? [Diagnostic](cacheBytes: source, in: diagnostics),
                  let ownLists = try? [String: [Diagnostic]](cacheBytes: source, in: own),
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
        let decoded = parallelChunks(ranges, size: 64, threads: threads) { chunk in
            chunk.map { try? Commitment(cacheBytes: source, in: $0) }
        }.joined()
        var commitments: [Commitment] = []
        commitments.reserveCapacity(ranges.count)
        for commitment in decoded {
            guard let commitment else { return nil }
            commitments.append(commitment)
        }
        guard let others = others.value else { return nil }
        let (diagnosticList, ownLists, fileList, meetingList, noteList, pageList, config, bodies) =
            (others.diagnostics, others.own, others.files, others.meetings, others.notes, others.pages, others.config, others.bodies)
        let site = Site(config: config, asOf: options.asOf, commitments: commitments, bodies: bodies, meetings: meetingList,
                        notes: noteList, pages: pageList, files: fileList,
                        relations: Relations(commitments: commitments, meetings: meetingList, notes: noteList))
        let model = KeptModel(context: context, site: site, diagnostics: diagnosticList, stamps: stamps, own: ownLists, groups: groups)
        return ModelCache(model: model, commitments: ranges.map { source[$0] },
                          others: [files, meetings, notes, pages].map { source[$0] })
    }
}
