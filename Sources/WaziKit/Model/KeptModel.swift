import Foundation

/// The model the last successful build loaded, kept for the next one (by a session in memory, by a
/// one-shot build in the model cache): when only milestone files changed since, and only in what
/// they say, the next build patches it with those files instead of scanning, decoding and checking
/// every file again (at 10,000 files that was a third of a rebuild after one edit, nearly all of it
/// on the one thread everything else waits for).
///
/// What makes the patch the model a full load would make: a milestone's file, when its commitment
/// and number stay, changes only that milestone in the site (ids, pages and relations stay) and
/// only what loading reported of it alone: its decoding's diagnostics and its warnings (`own`).
/// Every other check looks at ids, which stay, or at other files, which did not change.
struct KeptModel: Sendable {
    /// What the model depends on besides the content files (see `context(root:options:)`).
    let context: UInt64
    let site: Site
    /// What loading reported, sorted.
    let diagnostics: [Diagnostic]
    /// Every content file's stamp (see `BuildCache.Stamps.content`) when the model was made.
    let stamps: [String: UInt64]
    /// What was reported of each milestone alone, by its file's path as printed: its decoding's
    /// diagnostics (its translations' included) and its warnings. Most have none.
    let own: [String: [Diagnostic]]
    /// How many content files (with their translations) loading decoded.
    let groups: Int

    /// The content folder as given, the options that shape the model, and this build of wazi.
    static func context(root: String, options: LoadOptions) -> UInt64 {
        var print = Fingerprint()
        for part in [root, options.asOf.iso, String(options.drafts), options.baseURL ?? "", Wazi.buildStamp] { print.add(part) }
        return print.value
    }

    /// A content file and its translations as a patch decoded them, with what decoding reported.
    struct DecodedGroup: Sendable {
        let group: DocumentReader.FileGroup
        let file: DecodedFile
        let diagnostics: [Diagnostic]
    }

    /// This model patched for content whose files now have `stamps`, with the files it decoded, the
    /// places of the commitments it changed and the paths of the files whose stamps changed;
    /// nil when it cannot be: another context, a file added or removed, a file changed that is not a
    /// milestone's (or is one of a draft left out), a folder holding a link (where it leads may
    /// change unseen), or a changed milestone that no longer decodes cleanly to the same commitment
    /// and number. A full load then says why, exactly as it would have.
    func patched(stamps: [String: UInt64], listings: [String: [DirectoryListing.Entry]]?, root: String,
                 options: LoadOptions) -> (model: KeptModel, decoded: [DecodedGroup], changed: Set<Int>, stamps: Set<String>)? {
        guard context == Self.context(root: root, options: options), stamps.count == self.stamps.count, let listings,
              !listings.values.contains(where: { $0.contains { $0.kind == .link } }) else { return nil }
        var changed = Set<String>(), changedStamps = Set<String>()
        for (path, stamp) in stamps {
            guard let before = self.stamps[path] else { return nil }
            guard before != stamp else { continue }
            guard path.hasSuffix(".md"), let file = ContentTree.classify(path, display: path), file.kind == .milestone else { return nil }
            changed.insert(file.basePath)
            changedStamps.insert(path)
        }
        var commitments = site.commitments
        var own = self.own
        var removed: [Diagnostic: Int] = [:]
        var added: [Diagnostic] = []
        let tree = ContentTree(root: root, markdown: [], files: site.files)
        let files = Set(site.files.map { "files/" + $0 })
        var decodedGroups: [DecodedGroup] = []
        var changedCommitments = Set<Int>()
        var places: [(commitment: Int, milestone: Int)] = []
        for path in changed.sorted() {
            let display = tree.display(path)
            guard let file = ContentTree.classify(path, display: display), file.language == nil,
                  let folder = file.commitmentFolder, let c = site.relations.commitmentIndex[folder],
                  let m = commitments[c].milestones.firstIndex(where: { $0.origin.path == display }) else { return nil }
            let before = commitments[c].milestones[m]
            let log = DiagnosticLog()
            let group = group(file, stamps: stamps, tree: tree)
            guard let document = DocumentReader.read(group, files: files, log: log) else { return nil }
            let decoded = DecodedFile(document, asOf: options.asOf)
            guard !log.hasErrors, case let .milestone(milestone)? = decoded.entity, milestone.id == before.id,
                  milestone.fileSlug == before.fileSlug else { return nil }
            for diagnostic in own[display] ?? [] { removed[diagnostic, default: 0] += 1 }
            let reported = log.items + SiteLoader.warnings(milestone, plan: site.config.actionPlan, asOf: options.asOf,
                                                           marks: decoded.marks)
            own[display] = reported.isEmpty ? nil : reported
            decodedGroups.append(DecodedGroup(group: group, file: decoded, diagnostics: log.items))
            added += reported
            commitments[c].milestones[m] = milestone
            changedCommitments.insert(c)
            places.append((c, m))
        }
        var diagnostics = diagnostics.filter { diagnostic in
            guard let count = removed[diagnostic], count > 0 else { return true }
            removed[diagnostic] = count - 1
            return false
        }
        if !added.isEmpty { diagnostics = diagnostics.sorted(adding: added) }
        let patched = changed.isEmpty ? site : site.replacingMilestones(commitments, at: places)
        return (KeptModel(context: context, site: patched, diagnostics: diagnostics, stamps: stamps, own: own, groups: groups),
                decodedGroups, changedCommitments, changedStamps)
    }

    /// A milestone's file with its translations, as `DocumentReader.groups` groups them: a file of
    /// the same name with a language the site declares.
    private func group(_ file: ContentFile, stamps: [String: UInt64], tree: ContentTree) -> DocumentReader.FileGroup {
        var group = DocumentReader.FileGroup(file: file)
        let stem = String(file.basePath.dropLast(".md".count))
        for language in site.config.languages.dropFirst() {
            let path = stem + "." + language + ".md"
            if stamps[path] != nil, let translation = ContentTree.classify(path, display: tree.display(path)) {
                group.translations[language] = translation
            }
        }
        return group
    }
}

/// What loading reported of each milestone alone, gathered for a `KeptModel`.
final class OwnDiagnostics: @unchecked Sendable {
    var byFile: [String: [Diagnostic]] = [:]
    var groups = 0
}
