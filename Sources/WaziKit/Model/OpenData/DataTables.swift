/// The six tables of SPEC §3 with the derived columns data users ask for.
extension Site {
    static let planDatePattern = #"^\d{4}-\d{2}(-\d{2})?$"#

    /// Every table, in the order of downloads.
    public var dataTables: [DataTable] {
        [Self.commitmentsTable, Self.milestonesTable, Self.updatesTable, Self.meetingsTable, Self.actionItemsTable,
         Self.notesTable]
    }

    static func codes<T: CodeEnum>(_ type: T.Type) -> [String] { T.allCases.map(\.rawValue) }

    static let commitmentsTable = DataTable(
        name: "commitments", title: "Commitments",
        description: "One row per commitment of the action plan, with the progress of its milestones.",
        columns: [
            DataColumn("id", .string, "OGP commitment id, e.g. KENMS0005.", pattern: "^[A-Z0-9][A-Z0-9-]*$", required: true),
            DataColumn("title", .string, "Full title, in the site's default language.", required: true),
            DataColumn("short_title", .string, "Short title used in navigation; empty when none."),
            DataColumn("member", .string, "OGP member the commitment belongs to.", required: true),
            DataColumn("action_plan_id", .string, "Id of the action plan.", required: true),
            DataColumn("start", .string, "Start as published: YYYY-MM (month precision) or YYYY-MM-DD.", pattern: planDatePattern, required: true),
            DataColumn("start_date", .date, "First day of the start (the 1st of the month for a month).", required: true),
            DataColumn("end", .string, "End as published: YYYY-MM or YYYY-MM-DD.", pattern: planDatePattern, required: true),
            DataColumn("end_date", .date, "Last day of the end (the month's last day for a month).", required: true),
            DataColumn("lead_institution", .string, "The first institution listed.", required: true),
            DataColumn("institutions", .list, "Institutions involved, lead first."),
            DataColumn("policy_area", .string, "Primary policy area."),
            DataColumn("sectors", .list, "Primary sectors."),
            DataColumn("ogp_values", .list, "OGP values the commitment is relevant to.", allowed: codes(OGPValue.self)),
            DataColumn("initial_report", .string, "URL of the initial report; empty when not available."),
            DataColumn("ogp_url", .string, "The commitment's page on the OGP website."),
            DataColumn("irm_assessed", .date, "Date of the Independent Reporting Mechanism's assessment."),
            DataColumn("irm_completion", .string, "IRM completion rating.", allowed: codes(IRMCompletion.self)),
            DataColumn("irm_did_it_open_government", .string, "IRM rating: did it open government?", allowed: codes(IRMOpenGovernment.self)),
            DataColumn("irm_potential_results", .string, "IRM rating of potential results.", allowed: codes(IRMPotential.self)),
            DataColumn("milestones_total", .integer, "Number of milestones.", required: true, minimum: 0),
            DataColumn("milestones_not_started", .integer, "Milestones not started.", required: true, minimum: 0),
            DataColumn("milestones_in_progress", .integer, "Milestones in progress.", required: true, minimum: 0),
            DataColumn("milestones_stuck", .integer, "Milestones stuck.", required: true, minimum: 0),
            DataColumn("milestones_complete", .integer, "Milestones complete.", required: true, minimum: 0),
            DataColumn("share_complete", .number, "Complete milestones ÷ milestones, rounded to 4 places; empty when there are no milestones.", minimum: 0, maximum: 1),
            DataColumn("milestones_overdue", .integer, "Milestones past their end on the as-of date and not complete.", required: true, minimum: 0),
            DataColumn("url", .string, "The commitment's page on this site.", required: true),
        ],
        primaryKey: ["id"], foreignKeys: [])

    static let milestonesTable = DataTable(
        name: "milestones", title: "Milestones",
        description: "One row per milestone, with its status, whether it is overdue and when it was last reported.",
        columns: [
            DataColumn("id", .string, "Milestone id: <commitment id>-<number>.", required: true),
            DataColumn("commitment_id", .string, "The commitment it belongs to.", required: true),
            DataColumn("number", .integer, "Number within the commitment.", required: true, minimum: 1),
            DataColumn("title", .string, "Title, in the site's default language.", required: true),
            DataColumn("start", .string, "Start as published: YYYY-MM or YYYY-MM-DD.", pattern: planDatePattern, required: true),
            DataColumn("start_date", .date, "First day of the start.", required: true),
            DataColumn("end", .string, "End as published: YYYY-MM or YYYY-MM-DD.", pattern: planDatePattern, required: true),
            DataColumn("end_date", .date, "Last day of the end.", required: true),
            DataColumn("status", .string, "Implementation status (OGP's four).", allowed: codes(MilestoneStatus.self), required: true),
            DataColumn("lead_institution", .string, "Lead institution: the milestone's own, else the commitment's lead."),
            DataColumn("overdue", .boolean, "True when the as-of date is past end_date and the status is not complete.", required: true),
            DataColumn("last_reported", .date, "Date of the latest status update; empty means not yet reported (not the same as not started)."),
            DataColumn("updates_total", .integer, "Number of status updates.", required: true, minimum: 0),
            DataColumn("url", .string, "The milestone's page on this site.", required: true),
        ],
        primaryKey: ["id"],
        foreignKeys: [DataForeignKey(fields: ["commitment_id"], table: "commitments", referencedFields: ["id"])])

    static let updatesTable = DataTable(
        name: "milestone_updates", title: "Milestone status updates",
        description: "The status history of every milestone, as reported, one row per update.",
        columns: [
            DataColumn("milestone_id", .string, "The milestone updated.", required: true),
            DataColumn("sequence", .integer, "Position of the update in the milestone's history as written (1 = first).", required: true, minimum: 1),
            DataColumn("date", .date, "Date of the update.", required: true),
            DataColumn("status", .string, "Status reported.", allowed: codes(MilestoneStatus.self), required: true),
            DataColumn("summary", .string, "What was reported.", required: true),
            DataColumn("evidence", .list, "URLs of the evidence given."),
        ],
        primaryKey: ["milestone_id", "sequence"],
        foreignKeys: [DataForeignKey(fields: ["milestone_id"], table: "milestones", referencedFields: ["id"])])

    static let meetingsTable = DataTable(
        name: "meetings", title: "Meetings",
        description: "Meetings of the governance bodies, trainings and consultations, with attendance per sector.",
        columns: [
            DataColumn("slug", .string, "Meeting id: its file name, <date>-<slug>.", required: true),
            DataColumn("title", .string, "Title, in the site's default language.", required: true),
            DataColumn("date", .date, "Date of the meeting.", required: true),
            DataColumn("start_time", .string, "Local start time HH:MM in the site's time zone.", pattern: #"^\d{2}:\d{2}$"#),
            DataColumn("end_time", .string, "Local end time HH:MM.", pattern: #"^\d{2}:\d{2}$"#),
            DataColumn("timezone", .string, "IANA time zone of the times.", required: true),
            DataColumn("body", .string, "Key of the governance body.", required: true),
            DataColumn("body_name", .string, "Name of the governance body.", required: true),
            DataColumn("type", .string, "Kind of meeting.", allowed: codes(MeetingType.self), required: true),
            DataColumn("status", .string, "Status (derived from the date when not written: held before the as-of date, else scheduled).", allowed: codes(MeetingStatus.self), required: true),
            DataColumn("location", .string, "Where it takes place."),
            DataColumn("commitments", .list, "Ids of the commitments it advances."),
            DataColumn("milestones", .list, "Ids of the milestones it advances."),
            DataColumn("attendees_total", .integer, "Number of attendees listed.", required: true, minimum: 0),
            DataColumn("attendees_government", .integer, "Attendees from government.", required: true, minimum: 0),
            DataColumn("attendees_civil_society", .integer, "Attendees from civil society.", required: true, minimum: 0),
            DataColumn("attendees_private_sector", .integer, "Attendees from the private sector.", required: true, minimum: 0),
            DataColumn("attendees_development_partner", .integer, "Attendees from development partners.", required: true, minimum: 0),
            DataColumn("attendees_other", .integer, "Other attendees.", required: true, minimum: 0),
            DataColumn("government_share", .number, "Government attendees ÷ attendees, rounded to 4 places; empty without attendees. OGP forums aim for parity.", minimum: 0, maximum: 1),
            DataColumn("decisions_total", .integer, "Number of decisions recorded.", required: true, minimum: 0),
            DataColumn("action_items_total", .integer, "Number of action items.", required: true, minimum: 0),
            DataColumn("action_items_open", .integer, "Action items still open.", required: true, minimum: 0),
            DataColumn("action_items_overdue", .integer, "Open action items past their due date on the as-of date.", required: true, minimum: 0),
            DataColumn("documents_total", .integer, "Number of documents attached.", required: true, minimum: 0),
            DataColumn("url", .string, "The meeting's page on this site.", required: true),
        ],
        primaryKey: ["slug"], foreignKeys: [])

    static let actionItemsTable = DataTable(
        name: "action_items", title: "Action items",
        description: "Action items agreed at meetings, with their owner, due date and status.",
        columns: [
            DataColumn("meeting_slug", .string, "The meeting that agreed it.", required: true),
            DataColumn("sequence", .integer, "Position in the meeting's list (1 = first).", required: true, minimum: 1),
            DataColumn("text", .string, "What is to be done.", required: true),
            DataColumn("owner", .string, "Who is responsible.", required: true),
            DataColumn("due", .date, "Due date."),
            DataColumn("status", .string, "Status.", allowed: codes(ActionItemStatus.self), required: true),
            DataColumn("overdue", .boolean, "True when open and past its due date on the as-of date.", required: true),
        ],
        primaryKey: ["meeting_slug", "sequence"],
        foreignKeys: [DataForeignKey(fields: ["meeting_slug"], table: "meetings", referencedFields: ["slug"])])

    static let notesTable = DataTable(
        name: "notes", title: "Policy notes",
        description: "Guidance and policy notes that support the commitments.",
        columns: [
            DataColumn("slug", .string, "Note id: its file name.", required: true),
            DataColumn("title", .string, "Title, in the site's default language.", required: true),
            DataColumn("date", .date, "Date of the note.", required: true),
            DataColumn("summary", .string, "Short summary."),
            DataColumn("authors", .list, "Authors."),
            DataColumn("commitments", .list, "Ids of related commitments."),
            DataColumn("milestones", .list, "Ids of related milestones."),
            DataColumn("tags", .list, "Tags."),
            DataColumn("url", .string, "The note's page on this site.", required: true),
        ],
        primaryKey: ["slug"], foreignKeys: [])
}
