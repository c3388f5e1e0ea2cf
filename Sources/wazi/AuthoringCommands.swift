import ArgumentParser
import Foundation
import WaziKit

// The authoring commands: `serve`, `new …`, `init`. Each parses its arguments and calls WaziKit.

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on 127.0.0.1, rebuild on every change and reload open pages.",
        discussion: """
            The site is built into a temporary folder (never --output, never site/) and served with a \
            reload script added to its pages. A failed build is shown over the page, with every error, \
            while the last good build stays served. Ctrl-C stops it.
            """
    )
    @OptionGroup var inputs: Inputs
    @Option(help: "Port to listen on (0: any free port).") var port: UInt16 = 4000
    @Option(help: "Loopback address to listen on (127.0.0.1, localhost or ::1).") var host = "127.0.0.1"

    func validate() throws {
        do { try DevServer.checkHost(host) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        var options = ServeOptions(build: try inputs.options(), host: host, port: port)
        options.timings = inputs.timings
        let code = DevServer.serveUntilInterrupted(options) { line in
            // Unbuffered, so the address shows at once even when stdout is a pipe.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        Foundation.exit(code)
    }
}

/// "Today" for dates written into new files: --as-of, else SOURCE_DATE_EPOCH, else today.
struct Today: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Date treated as today (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today.")
    var asOf: String?

    func day() throws -> Day {
        do { return try AsOf.resolve(asOf) } catch { throw ValidationError("\(error)") }
    }
}

/// Prints the new file's path (exit 0); a content problem exits 1, a malformed argument 2.
func scaffold(_ make: () throws -> [String]) throws -> Never {
    do {
        for path in try make() { print(path) }
        Foundation.exit(0)
    } catch let failure as Scaffold.Failure {
        if failure.kind == .usage { throw ValidationError(failure.description) }
        FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
        Foundation.exit(1)
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a content file from a template that passes `wazi check`; never overwrites.",
        subcommands: [NewMilestone.self, NewMeeting.self, NewNote.self, NewCommitment.self]
    )
}

struct NewMilestone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone", abstract: "content/commitments/<ID>/milestones/<N>-<slug>.md, with the next free number.")
    @Option(help: "Commitment id, e.g. KENMS0005.") var commitment: String
    @Option(help: "Title of the milestone.") var title: String
    @Option(help: "Content folder.") var content = "content"
    @OptionGroup var today: Today

    func run() throws {
        let day = try today.day()
        try scaffold { [try Scaffold.milestone(content: content, commitment: commitment, title: title, today: day)] }
    }
}

struct NewMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "content/meetings/<date>-<slug>.md of a body in bodies.yaml.")
    @Option(help: "Key of the governance body in bodies.yaml.") var body: String
    @Option(help: "Day of the meeting, YYYY-MM-DD.") var date: String
    @Option(help: "Title of the meeting.") var title: String
    @Option(help: "Content folder.") var content = "content"

    func validate() throws {
        guard Day(iso: date) != nil else { throw ValidationError("--date '\(date)' must be a date YYYY-MM-DD") }
    }

    func run() throws {
        guard let day = Day(iso: date) else { throw ValidationError("--date '\(date)' must be a date YYYY-MM-DD") }
        try scaffold { [try Scaffold.meeting(content: content, body: body, date: day, title: title)] }
    }
}

struct NewNote: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "content/notes/<slug>.md, dated today.")
    @Option(help: "Title of the note.") var title: String
    @Option(help: "Content folder.") var content = "content"
    @OptionGroup var today: Today

    func run() throws {
        let day = try today.day()
        try scaffold { [try Scaffold.note(content: content, title: title, today: day)] }
    }
}

struct NewCommitment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commitment", abstract: "content/commitments/<ID>/index.md, running to the end of the action plan.")
    @Option(help: "OGP commitment id: capital letters, digits and hyphens.") var id: String
    @Option(help: "Title of the commitment.") var title: String
    @Option(help: "An institution (repeat; the first leads). Default: a placeholder to edit.") var institution: [String] = []
    @Option(help: "Content folder.") var content = "content"
    @OptionGroup var today: Today

    func run() throws {
        let day = try today.day()
        try scaffold {
            [try Scaffold.commitment(content: content, id: id, title: title, today: day, institutions: institution)]
        }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site in a new or empty folder: content (one commitment with a milestone) and the default theme."
    )
    @Argument(help: "Folder of the new site; must not exist or be empty.") var folder: String
    @Option(help: "Theme to copy (default: the theme shipped with wazi).") var templates: String?
    @Option(help: "Site title.") var title = "Open Government Action Plan"
    @Option(help: "OGP member, e.g. \"Nairobi, Kenya\".") var member = "Example member"
    @OptionGroup var today: Today

    func run() throws {
        let day = try today.day()
        guard let theme = templates ?? Scaffold.defaultTheme(executable: Bundle.main.executablePath ?? CommandLine.arguments.first) else {
            FileHandle.standardError.write(Data("error: the default theme was not found; give --templates DIR\n".utf8))
            Foundation.exit(1)
        }
        try scaffold {
            let files = try Scaffold.site(at: folder, theme: theme, today: day, title: title, member: member)
            return files + ["next: cd \(folder) && wazi serve"]
        }
    }
}
