import ArgumentParser
import Foundation
import WaziKit

/// The command line: parses arguments and hands them to WaziKit. Exit 0 success, 1 content errors, 2 usage.
struct Wazi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wazi",
        abstract: "Publish an open government action plan as a static site and open data.",
        version: WaziKit.Wazi.version,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self]
    )
}

/// The inputs `build` and `check` share.
struct Inputs: ParsableArguments {
    @Option(help: "Content folder.") var content = "content"
    @Option(help: "Theme folder (templates, i18n, assets).") var templates = "templates"
    @Option(help: "Output folder; replaced only when the build succeeds.") var output = "site"
    @Option(name: .customLong("as-of"), help: "Date treated as today (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today.")
    var asOf: String?
    @Flag(help: "Include draft commitments.") var drafts = false
    @Option(name: .customLong("base-url"), help: "Override site.yaml's base_url.") var baseURL: String?
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Flag(help: "Print the time each stage took.") var timings = false

    func options() throws -> BuildOptions {
        let day: Day
        do { day = try AsOf.resolve(asOf) } catch { throw ValidationError("\(error)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        return BuildOptions(content: content, templates: templates, output: output,
                            load: LoadOptions(asOf: day, drafts: drafts, baseURL: baseURL),
                            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, strict: strict)
    }
}

func finish(_ report: BuildReport, strict: Bool, success: String) -> Never {
    // In one write: a write per line was 500 system calls for a large plan's warnings.
    var lines = ""
    for diagnostic in report.diagnostics { lines += diagnostic.description + "\n" }
    for line in report.replayed { lines += line + "\n" }
    if !lines.isEmpty { FileHandle.standardError.write(Data(lines.utf8)) }
    let failed = report.errors > 0 || (strict && report.warnings > 0)
    if !report.diagnostics.isEmpty {
        FileHandle.standardError.write(Data("\(report.errors) error(s), \(report.warnings) warning(s)\n".utf8))
    }
    if failed { Foundation.exit(1) }
    print(success)
    Foundation.exit(0)
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")
    @OptionGroup var inputs: Inputs

    func run() throws {
        let options = try inputs.options()
        let report = Build.run(options)
        if inputs.timings {
            FileHandle.standardError.write(Data((report.timings.description + "\n" + report.reuse + "\n").utf8))
        }
        let p = report.published
        let summary = report.rendered == 0 && p.written == 0 && p.removed == 0 && report.pages > 0
            ? "nothing changed: \(options.output)/ is up to date (\(report.pages) pages)"
            : "built \(report.pages) pages (\(report.rendered) rendered, \(report.files) files) in \(options.output)/: "
              + "\(p.written) written, \(p.unchanged) unchanged, \(p.removed) removed"
        finish(report, strict: options.strict, success: summary)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate the content; write nothing.")
    @OptionGroup var inputs: Inputs

    func run() throws {
        let options = try inputs.options()
        let report = Build.check(options)
        if inputs.timings { FileHandle.standardError.write(Data((report.timings.description + "\n").utf8)) }
        finish(report, strict: options.strict, success: "content is valid: \(report.pages) pages")
    }
}

// Usage errors exit 2 (SPEC §4), not ArgumentParser's 64.
do {
    var command = try Wazi.parseAsRoot()
    try command.run()
} catch {
    let code = Wazi.exitCode(for: error)
    if code == .success {
        print(Wazi.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((Wazi.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(2)
}
