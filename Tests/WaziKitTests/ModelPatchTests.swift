import XCTest
@testable import WaziKit

/// A build patches the last model (a session's, or the model cache) with the milestone files changed
/// since (see `KeptModel`): the site, the diagnostics and every output file are those of a clean build
/// (`rebuild` compares them), and any other change loads every file again.
extension IncrementalBuildTests {
    func testMilestoneEditsPatchTheModel() throws {
        let french = content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.fr.md"
        let edits: [(String, () throws -> Void)] = [
            ("title", { try edit(self.milestone6, replacing: "title: \"", with: "title: \"Renamed – ") }),
            // Complete without evidence: a warning of its own appears, then goes.
            ("warning added", { try edit(self.milestone6, replacing: "status: not-started", with: "status: complete") }),
            ("warning removed", { try edit(self.milestone6, replacing: "status: complete", with: "status: not-started") }),
            ("ends after the plan", { try edit(self.milestone6, replacing: "end: 2027-08", with: "end: 2028-03") }),
            // A lead no other item names: the site's list of institutions changes.
            ("new lead", { try edit(self.milestone6, replacing: "lead: \"The Oslo Center\"", with: "lead: \"Kenya School of Government\"") }),
            ("translation", { try edit(french, replacing: "title: ", with: "title: Révisé – ") }),
        ]
        for (name, change) in edits {
            let report = try rebuild(change)
            XCTAssertTrue(report.patchedModel, name)
            XCTAssertTrue(resident.patchedModel, name)
            XCTAssertEqual(resident.reusedFiles, resident.rememberedFiles, name)
            try assertKeptModelIsAFullLoad(name)
        }
    }

    /// A run of edits to the milestones, chosen by a fixed seed (status, end, lead, title, text,
    /// translation, several files at once): every rebuild patches the model, and gives the site, the
    /// diagnostics and the bytes of a clean build (compared by `rebuild`).
    func testARunOfMilestoneEditsMatchesCleanBuilds() throws {
        let folder = content + "/commitments/KENMS0005/milestones/"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".md") && $0.split(separator: ".").count == 2 }.sorted()
        var seed: UInt64 = 20261127
        func next(_ count: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(count))
        }
        func line(_ key: String, in path: String, to value: String) throws {
            let text = try read(path)
            let pattern = try NSRegularExpression(pattern: "^\(key): .*$", options: .anchorsMatchLines)
            let range = NSRange(text.startIndex..., in: text)
            if pattern.firstMatch(in: text, range: range) != nil {
                try write(pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "\(key): \(value)"), to: path)
            } else {
                try write(text.replacingOccurrences(of: "\nstatus: ", with: "\n\(key): \(value)\nstatus: "), to: path)
            }
        }
        let statuses = ["not-started", "in-progress", "stuck", "complete"]
        let ends = ["2026-01", "2027-05", "2028-03"]
        let leads = ["\"Office of the Governor\"", "\"Kenya School of Government\"", "\"The Oslo Center\""]
        for step in 1...10 {
            let changes = 1 + next(2)
            var made: [String] = []
            let report = try rebuild {
                for _ in 0..<changes {
                    let file = folder + files[next(files.count)]
                    switch next(6) {
                    case 0: try line("status", in: file, to: statuses[next(statuses.count)]); made.append("status")
                    case 1: try line("end", in: file, to: ends[next(ends.count)]); made.append("end")
                    case 2: try line("lead", in: file, to: leads[next(leads.count)]); made.append("lead")
                    case 3: try line("title", in: file, to: "\"Step \(step)\""); made.append("title")
                    case 4: try write(try read(file) + "\nStep \(step).\n", to: file); made.append("text")
                    default:
                        let french = String(file.dropLast(".md".count)) + ".fr.md"
                        if FileManager.default.fileExists(atPath: french) {
                            try line("title", in: french, to: "\"Étape \(step)\""); made.append("translation")
                        } else {
                            try line("title", in: file, to: "\"Step \(step) bis\""); made.append("title")
                        }
                    }
                }
            }
            XCTAssertTrue(report.patchedModel, "step \(step): \(made)")
            XCTAssertTrue(resident.patchedModel, "step \(step): \(made)")
            try assertKeptModelIsAFullLoad("step \(step): \(made)")
        }
    }

    /// On one thread (where the model cache is read once the build knows something changed), the
    /// same patch and the same site.
    func testAOneThreadRebuildPatchesTheModel() throws {
        usleep(20_000)
        try edit(milestone6, replacing: "title: \"", with: "title: \"One thread – ")
        let report = Build.run(options(content: content, templates: theme, output: output, threads: 1))
        XCTAssertEqual(report.errors, 0)
        XCTAssertTrue(report.patchedModel)
        let clean = try temporaryFolder(self) + "/clean"
        XCTAssertEqual(Build.run(options(content: content, templates: theme, output: clean)).errors, 0)
        XCTAssertEqual(try tree(output), try tree(clean))
    }

    func testOtherChangesLoadEveryFile() throws {
        let milestones = content + "/commitments/KENMS0005/milestones"
        let changes: [(String, () throws -> Void)] = [
            // Another file name is another page.
            ("renamed", {
                for suffix in [".md", ".fr.md"] {
                    try FileManager.default.moveItem(atPath: milestones + "/6-capacity-building-of-implementing-actors" + suffix,
                                                     toPath: milestones + "/6-capacity-building" + suffix)
                }
            }),
            ("commitment", { try edit(self.content + "/commitments/KENMS0005/index.md", replacing: "title: ", with: "title: X ") }),
            ("file added", { try write("---\nnumber: 8\ntitle: \"New\"\nstart: 2025-08\nend: 2026-08\nstatus: not-started\n---\nText.\n",
                                       to: milestones + "/8-new.md") }),
            ("meeting", {
                let meetings = try FileManager.default.contentsOfDirectory(atPath: self.content + "/meetings").sorted()
                try edit(self.content + "/meetings/" + meetings[0], replacing: "title: ", with: "title: Renamed ")
            }),
        ]
        for (name, change) in changes {
            let report = try rebuild(change)
            XCTAssertFalse(report.patchedModel, name)
            XCTAssertFalse(resident.patchedModel, name)
            try assertKeptModelIsAFullLoad(name)
        }
    }

    /// A milestone edited into an error is not patched over: the session reports what a one-shot
    /// build reports, and keeps its last model for when the error is mended.
    func testAnErrorInAChangedMilestoneIsReported() throws {
        usleep(20_000)
        try edit(milestone6, replacing: "status: not-started", with: "status: finished")
        let oneShot = Build.run(options(content: content, templates: theme, output: output))
        let served = Build.run(options(content: content, templates: theme, output: sessionOutput), session: session)
        XCTAssertGreaterThan(oneShot.errors, 0)
        XCTAssertEqual(served.diagnostics, oneShot.diagnostics)
        XCTAssertFalse(oneShot.patchedModel)
        XCTAssertFalse(served.patchedModel)
        let mended = try rebuild { try edit(self.milestone6, replacing: "status: finished", with: "status: stuck") }
        XCTAssertTrue(mended.patchedModel, "the last good model, patched with the mended file")
        XCTAssertTrue(resident.patchedModel, "the last good model, patched with the mended file")
    }

    /// A model cache cut short (in its last commitment, or half of it) is not read: every file is
    /// loaded, and the site is what a clean build makes.
    func testADamagedModelCacheIsNotRead() throws {
        let cache = (output as NSString).deletingLastPathComponent + "/.wazi-cache/site.model"
        for (name, damage) in [("cut short", { (bytes: inout [UInt8]) in bytes.removeLast(7) }),
                               ("halved", { (bytes: inout [UInt8]) in bytes.removeLast(bytes.count / 2) })] {
            let report = try rebuild {
                try edit(self.milestone6, replacing: "title: \"", with: "title: \"\(name) – ")
                var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: cache)))
                damage(&bytes)
                try Data(bytes).write(to: URL(fileURLWithPath: cache))
            }
            XCTAssertFalse(report.patchedModel, name)
            XCTAssertTrue(resident.patchedModel, "\(name): the session's model is its own")
            try assertKeptModelIsAFullLoad(name)
        }
    }

    /// The session's model, and the model cache beside the one-shot build's output, equal a full load
    /// of the content as it is now.
    private func assertKeptModelIsAFullLoad(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let options = LoadOptions(asOf: exampleAsOf)
        let stored = try XCTUnwrap(ModelCache.read(output: output, root: content, options: options, threads: 2), name,
                                   file: file, line: line)
        try assertFullLoad(try XCTUnwrap(session.model, name).model, name + " (session)", file: file, line: line)
        try assertFullLoad(stored.model, name + " (model cache)", file: file, line: line)
        XCTAssertNil(ModelCache.read(output: output, root: content, options: LoadOptions(asOf: exampleAsOf, drafts: true), threads: 2),
                     "a model made without drafts is not one with them")
    }

    private func assertFullLoad(_ kept: KeptModel, _ name: String, file: StaticString, line: UInt) throws {
        let (loaded, diagnostics) = SiteLoader.load(content: content, options: LoadOptions(asOf: exampleAsOf))
        let site = try XCTUnwrap(loaded, name, file: file, line: line)
        XCTAssertEqual(kept.diagnostics, diagnostics, name, file: file, line: line)
        XCTAssertEqual(kept.site.commitments, site.commitments, name, file: file, line: line)
        XCTAssertEqual(kept.site.milestones, site.milestones, name, file: file, line: line)
        XCTAssertEqual(kept.site.institutions, site.institutions, name, file: file, line: line)
        XCTAssertEqual(kept.site.meetings, site.meetings, name, file: file, line: line)
        XCTAssertEqual(kept.site.notes, site.notes, name, file: file, line: line)
        XCTAssertEqual(kept.site.pages, site.pages, name, file: file, line: line)
        XCTAssertEqual(kept.site.files, site.files, name, file: file, line: line)
        XCTAssertEqual(kept.site.relations.milestoneIndex.mapValues { [$0.0, $0.1] }, site.relations.milestoneIndex.mapValues { [$0.0, $0.1] },
                       name, file: file, line: line)
        XCTAssertEqual(kept.site.relations.meetingsByMilestone, site.relations.meetingsByMilestone, name, file: file, line: line)
        XCTAssertEqual(kept.site.relations.notesByCommitment, site.relations.notesByCommitment, name, file: file, line: line)
        XCTAssertEqual(kept.site.config, site.config, name, file: file, line: line)
        XCTAssertEqual(kept.site.bodies, site.bodies, name, file: file, line: line)
    }
}

/// The model cache after a patch: only what changed, in a patch beside the whole file.
extension IncrementalBuildTests {
    /// With many commitments, an edit writes a patch beside the whole model file, which stays as it
    /// was: read back together they are a full load, edit after edit. A patch damaged, or made for
    /// another whole file, is not applied: the whole file alone is the older model, patched again
    /// with every milestone changed since.
    func testAnEditWritesAPatchOfTheModelCache() throws {
        let original = content + "/commitments/KENMS0005"
        for number in 10..<30 {
            let id = "KENMS00\(number)", folder = content + "/commitments/" + id
            try FileManager.default.createDirectory(atPath: folder + "/milestones", withIntermediateDirectories: true)
            for name in try FileManager.default.subpathsOfDirectory(atPath: original) where name.hasSuffix(".md") {
                try write(try read(original + "/" + name).replacingOccurrences(of: "KENMS0005", with: id), to: folder + "/" + name)
            }
        }
        try rebuild {}
        let cache = (output as NSString).deletingLastPathComponent + "/.wazi-cache/site.model"
        let patch = cache + "-patch"
        let whole = fileStatus(cache).st_ino
        XCTAssertFalse(FileManager.default.fileExists(atPath: patch), "a full load writes the whole file")
        for round in 1...3 {
            let report = try rebuild { try edit(self.milestone6, replacing: "title: \"", with: "title: \"\(round) ") }
            XCTAssertTrue(report.patchedModel)
            XCTAssertTrue(FileManager.default.fileExists(atPath: patch), "round \(round)")
            XCTAssertEqual(fileStatus(cache).st_ino, whole, "round \(round): the whole file stays")
            try assertKeptModelIsAFullLoad("round \(round)")
        }
        // Another commitment's milestone: the patch holds both.
        let other = content + "/commitments/KENMS0012/milestones/6-capacity-building-of-implementing-actors.md"
        XCTAssertTrue(try rebuild { try edit(other, replacing: "title: \"", with: "title: \"Other – ") }.patchedModel)
        try assertKeptModelIsAFullLoad("two commitments")
        // Many commitments changed since the whole file: it is written whole again (its unchanged
        // commitments encoded from the model, whose read-back copy kept none of their bytes).
        for number in 20..<26 {
            let path = content + "/commitments/KENMS00\(number)/milestones/6-capacity-building-of-implementing-actors.md"
            XCTAssertTrue(try rebuild { try edit(path, replacing: "title: \"", with: "title: \"\(number) – ") }.patchedModel)
        }
        XCTAssertNotEqual(fileStatus(cache).st_ino, whole, "folded into a whole file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: patch) && fileStatus(patch).st_mtim.tv_sec < fileStatus(cache).st_mtim.tv_sec,
                       "no patch older than the whole file")
        try assertKeptModelIsAFullLoad("folded")
        XCTAssertTrue(try rebuild { try edit(self.milestone6, replacing: "title: \"", with: "title: \"After the fold – ") }.patchedModel)
        XCTAssertTrue(FileManager.default.fileExists(atPath: patch), "a patch of the new whole file")
        try assertKeptModelIsAFullLoad("a patch of the new whole file")
        for (name, damage) in [("cut short", { (bytes: inout [UInt8]) in bytes.removeLast(5) }),
                               ("for another file", { (bytes: inout [UInt8]) in
                                   // The whole file's inode, just after the header.
                                   let header = 8 + "wazi-model-patch".utf8.count, global = bytes[header..<header + 8]
                                   let start = header + 8 + Int(global.reversed().reduce(0) { $0 << 8 | UInt64($1) })
                                   bytes[start] ^= 1
                               })] {
            let report = try rebuild {
                try edit(self.milestone6, replacing: "title: \"", with: "title: \"\(name) – ")
                var bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: patch)))
                damage(&bytes)
                try Data(bytes).write(to: URL(fileURLWithPath: patch))
            }
            XCTAssertTrue(report.patchedModel, "\(name): the whole file, patched with every milestone changed since it")
            try assertKeptModelIsAFullLoad(name)
        }
    }
}
