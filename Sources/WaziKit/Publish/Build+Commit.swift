import Foundation

/// Publish (see `Build`): the staged site put in place, and what the next build reuses written.
extension Build {
    /// Puts the staged site in place of the output, and writes what the next build reuses: before the
    /// swap for a one-shot build; after it for a session, in the background (its next build waits for
    /// it), so that a live preview reloads without waiting for the caches.
    static func commit(_ written: Written, _ loaded: Loaded, _ last: LastBuild, _ options: BuildOptions,
                       publisher: Publisher, session: BuildSession?, diagnostics: [Diagnostic]) throws -> Publisher.Summary {
        // The cache names the folder it describes: whatever moment a build is killed at, the next one
        // trusts it only if it matches the output in place (before the swap, the output is another
        // folder; after it, a cache not yet written describes the folder the swap retired).
        let folder = publisher.stagingIdentity
        let liveSince = publisher.settle()
        // The site in place, which the swap retires beside the output for the next build; its files
        // this build does not have are those it removes.
        let sizes = written.sink.log.sizes, pageSizes = written.sink.log.pages
        let pagePaths = written.jobs.map(\.outputPath)
        // With the same pages, the last build's pages are all this build's, and its other files are
        // not pages of this build.
        let removed = last.cache.map { previous in
            if previous.hasPages(written.prints.set, count: pagePaths.count) { return previous.others.keys.filter { sizes[$0] == nil } }
            let pages = Set(pagePaths)
            return previous.paths.filter { sizes[$0] == nil && !pages.contains($0) }
        }
        // `inMemory`: for a session, which keeps the build cache; a one-shot build only writes it.
        let persist = { @Sendable (inMemory: Bool) -> BuildSession.Kept in
            // The build cache on a lane of its own, the others meanwhile: one after the other they were
            // most of publishing after one edit.
            let building = Lane.start(threads: options.threads) { () -> BuildCache in
                let inodes = publisher.inodes, pageInodes = publisher.pageInodes
                let others = sizes.lazy.map { (path, size) in
                    (key: path, value: BuildCache.Output(size: size, inode: inodes[path] ?? 0, print: written.prints.files[path]))
                }
                // A page not logged (none is, in a build that succeeds) is never reused.
                let pages = pageSizes.indices.lazy.map { index in
                    (pagePaths[index], BuildCache.Output(size: max(0, pageSizes[index]), inode: pageInodes[index],
                                                         print: pageSizes[index] < 0 ? nil : written.prints.pages[index]))
                }
                var cache = BuildCache(folder: folder, global: written.global, inputs: last.stamps.digest,
                                       pages: BuildCache.Pages(set: written.prints.set), others: [:],
                                       diagnostics: diagnostics.map(\.description), pageCount: written.pages.jobs.count)
                if inMemory {
                    cache.pages.paths = pagePaths
                    cache.pages.outputs = pages.map(\.1)
                    cache.others = Dictionary(uniqueKeysWithValues: others.map { ($0.key, $0.value) })
                }
                cache.liveSince = liveSince
                if let previous = last.cache, let removed {
                    cache.spare = BuildCache.Spare(identity: previous.folder, since: previous.liveSince, extra: removed)
                }
                // Written as its records are made: the last lane of publishing after one edit.
                if inMemory { cache.write(output: options.output) } else { cache.write(output: options.output, pages: pages, others: others) }
                return cache
            }
            // The model for the next build, written beside (not tied to the output: it describes the content).
            let modelLane = Lane.start(threads: options.threads) { () -> ModelCache? in
                guard let model = loaded.model else { return nil }
                let cache = ModelCache(model: model, previous: loaded.patched?.previous, changed: loaded.patched?.changed ?? [],
                                       stamps: loaded.patched?.stamps ?? [])
                    .write(output: options.output)
                return cache
            }
            let decoded = loaded.decoded?.commit()
            let fragments = written.renderer.fragments
            let rows = RowCache.write(stored: fragments.offered, made: fragments.madeRows, output: options.output,
                                      global: written.global, keep: inMemory) ?? .none
            written.records.write(output: options.output, global: written.global, folder: folder,
                                  document: publisher.staged("data/wazi.json").map(JSONRecords.Document.init))
            written.tables.write(output: options.output, global: written.global, folder: folder, staged: publisher.staged)
            return BuildSession.Kept(cache: building.value, rows: rows, decoded: decoded,
                                     model: modelLane.value)
        }
        guard let session else {
            // Left for the process's end, not freed piece by piece (see `BuildReport.held`).
            loaded.leftovers.keep(persist(false))
            return try publisher.commit(removed: removed?.count)
        }
        let summary = try publisher.commit(removed: removed?.count)
        session.keep(Lane.start(threads: options.threads) { () -> BuildSession.Kept in
            var kept = persist(true)
            // The spare's folders, for the next build to check (see `Publisher.trustSpare`).
            if let extra = kept.cache.spare?.extra {
                let paths = kept.cache.paths
                kept.cache.spare?.folders = Publisher.folders(of: paths, extra)
            }
            // A patched model decoded only the changed files: they replace theirs.
            if let patched = loaded.patched {
                kept.decoded = nil
                kept.updated = (patched.decoded, last.stamps.content)
            }
            kept.scanned = loaded.scanned?.next
            return kept
        })
        return summary
    }
}
