import Foundation

/// Content → Model (see `Build`): what the last build left, and the model, patched or loaded.
extension Build {
    /// What the last build left beside its output (see `BuildCache`, `RowCache`), and the stamps of
    /// this build's input files to compare with it. Nothing without a publisher (`wazi check`).
    struct LastBuild {
        let cache: BuildCache?
        let stamps: BuildCache.Stamps
        /// Its model (see `KeptModel`): the session's, or the model cache; none when nothing changed.
        let model: Eventually<ModelCache?>
        /// For a one-shot rebuild that will load the site: the theme, loaded while the model is
        /// decoded (the patched model left nothing else to wait for), for the languages site.yaml names.
        let theme: Eventually<(languages: [String], theme: Theme?, diagnostics: [Diagnostic])?>?

        init(_ options: BuildOptions, publisher: Publisher?, session: BuildSession?) {
            // Read on other threads while the input files are stamped.
            let reading = Lane.start(threads: options.threads) {
                publisher == nil ? nil : session?.cache(output: options.output) ?? BuildCache.read(output: options.output)
            }
            // The model cache is read at once, but decoded only for a build that will load the site:
            // after no change, decoding it made the whole build half as long again.
            let changed = Eventually<Bool>()
            let read = { @Sendable () -> ModelCache? in
                publisher == nil ? nil : session?.model
                    ?? ModelCache.read(output: options.output, root: options.content, options: options.load, threads: options.threads,
                                       needed: { changed.value })
            }
            // On one thread, once it is known (a lane would run at once, and wait for itself).
            let early = options.threads > 1 ? Lane.start(threads: options.threads, read) : nil
            stamps = publisher == nil ? BuildCache.Stamps() : BuildCache.stamp(options, walks: session?.walks ?? [:])
            cache = reading.value
            let loading = cache?.inputs != stamps.digest
            changed.fulfil(loading)
            model = early ?? Lane.start(threads: options.threads, read)
            theme = publisher == nil || session != nil || cache == nil || !loading || options.threads < 2 ? nil
                : Lane.start(threads: options.threads) {
                    let tree = ContentTree(root: options.content, markdown: [], files: [])
                    guard let config = SiteConfigDecoder.decode(tree, baseURLOverride: options.load.baseURL, log: DiagnosticLog()) else {
                        return nil
                    }
                    let log = DiagnosticLog()
                    let theme = Theme.load(options.templates, languages: config.languages, log: log)
                    return (config.languages, theme, log.items)
                }
        }
    }

    /// The model and the theme, with what loading them reported.
    struct Loaded {
        let site: Site?
        let theme: Theme?
        let diagnostics: [Diagnostic]
        /// Content files decoded by the last build, and this build's for the next one (none when the
        /// model was patched: the cache's files that changed are told by their stamps).
        let decoded: DecodedCache?
        /// For a session: the content folder as this build found it.
        let scanned: ScannedContent.Exchange?
        let leftovers: Leftovers
        /// The model for the next build (see `KeptModel`), when loading reported no error.
        var model: KeptModel?
        /// When the last build's model was patched: it, the files decoded, the commitments changed.
        var patched: (previous: ModelCache, decoded: [KeptModel.DecodedGroup], changed: Set<Int>, stamps: Set<String>)?
    }

    /// Content → Model, then the theme: the last build's model patched when only milestones changed
    /// (see `KeptModel`), else every file loaded, those unchanged since the last build taken decoded
    /// from its cache (see `DecodedCache`).
    /// `early`: started as a rebuild starts loading; `whenDecoded`: once every file is decoded, or the model patched.
    static func load(_ options: BuildOptions, _ last: LastBuild, publisher: Publisher?, session: BuildSession?,
                     timings: inout StageTimings, early: () -> Void, decoded whenDecoded: @escaping () -> Void) -> Loaded {
        var load = options.load
        load.threads = options.threads
        // While the model cache is decoded, what needs no model goes ahead (see `execute`; a full
        // rebuild measured the same with it started here or after decoding).
        if publisher != nil, last.cache != nil { early() }
        if publisher != nil, let kept = last.model.value,
           let (model, decoded, changed, changedStamps) = kept.model.patched(stamps: last.stamps.content, listings: last.stamps.contentListings,
                                                              root: options.content, options: load) {
            let log = DiagnosticLog()
            let themeLane = Lane.start(threads: options.threads) {
                loadTheme(options, languages: model.site.config.languages, last, session: session, log: log)
            }
            whenDecoded()
            timings.lap("load")
            let theme = themeLane.value
            timings.lap("theme")
            // The same files as the last build's: a session's tree of the content folder stays.
            let scanned = session.map { ScannedContent.Exchange(previous: $0.scanned, otherStamps: [:]) }
            scanned?.next = session?.scanned
            scanned?.kept = session?.scanned != nil
            return Loaded(site: model.site, theme: theme, diagnostics: model.diagnostics.sorted(adding: log.items), decoded: nil,
                          scanned: scanned, leftovers: Leftovers(), model: model, patched: (kept, decoded, changed, changedStamps))
        }
        let decoded = publisher == nil ? nil : DecodedCache(output: options.output, stamps: last.stamps.content,
                                                            threads: options.threads, memory: session?.decoded)
        let scanned = session.map {
            ScannedContent.Exchange(previous: $0.scanned, otherStamps: ScannedContent.otherStamps(last.stamps.content))
        }
        let leftovers = Leftovers()
        // The theme is loaded beside loading's serial end, once the site's languages are known.
        let log = DiagnosticLog()
        var themeLane: Eventually<Theme?>?
        let own = publisher == nil ? nil : OwnDiagnostics()
        let (site, loadDiagnostics) = SiteLoader.load(content: options.content, options: load, store: decoded,
                                                      listings: last.stamps.contentListings, scanned: scanned,
                                                      leftovers: leftovers, own: own) { languages in
            themeLane = Lane.start(threads: options.threads) { loadTheme(options, languages: languages, last, session: session, log: log) }
            whenDecoded()
        }
        Memory.release()
        timings.lap("load")
        let theme = themeLane?.value ?? Theme.load(options.templates, languages: site?.config.languages ?? [], log: log)
        timings.lap("theme")
        var loaded = Loaded(site: site, theme: theme, diagnostics: loadDiagnostics.sorted(adding: log.items), decoded: decoded,
                            scanned: scanned, leftovers: leftovers)
        if let site, let own, !loadDiagnostics.contains(where: { $0.severity == .error }) {
            loaded.model = KeptModel(context: KeptModel.context(root: options.content, options: load), site: site,
                                     diagnostics: loadDiagnostics, stamps: last.stamps.content, own: own.byFile, groups: own.groups)
        }
        return loaded
    }

    /// The theme for `languages`: a session's last one when the theme's files have the same stamps,
    /// or the one a one-shot rebuild loaded while the model was decoded (see `LastBuild.theme`).
    private static func loadTheme(_ options: BuildOptions, languages: [String], _ last: LastBuild, session: BuildSession?,
                                  log: DiagnosticLog) -> Theme? {
        if let kept = session?.theme, kept.stamp == last.stamps.templates, kept.languages == languages {
            log.append(contentsOf: kept.diagnostics)
            return kept.theme
        }
        if let early = last.theme?.value, early.languages == languages {
            log.append(contentsOf: early.diagnostics)
            return early.theme
        }
        let own = DiagnosticLog()
        let theme = Theme.load(options.templates, languages: languages, log: own)
        log.append(contentsOf: own.items)
        session?.theme = (last.stamps.templates, languages, theme, own.items)
        return theme
    }
}
