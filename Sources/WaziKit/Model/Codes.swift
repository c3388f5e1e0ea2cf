/// OGP's four implementation statuses of a milestone.
public enum MilestoneStatus: String, CodeEnum {
    case notStarted = "not-started", inProgress = "in-progress", stuck, complete
}

public enum OGPValue: String, CodeEnum {
    case accessToInformation = "access-to-information"
    case civicParticipation = "civic-participation"
    case publicAccountability = "public-accountability"
    case technologyInnovation = "technology-innovation"
}

public enum Sector: String, CodeEnum {
    case government, civilSociety = "civil-society", privateSector = "private-sector"
    case developmentPartner = "development-partner", other
}

public enum MeetingType: String, CodeEnum { case meeting, training, consultation }

public enum MeetingStatus: String, CodeEnum { case scheduled, held, cancelled }

public enum ActionItemStatus: String, CodeEnum { case open, done }

/// How often a governance body is expected to meet.
public enum Cadence: String, CodeEnum {
    case biannual, quarterly, monthly

    public var monthsPerPeriod: Int {
        switch self {
        case .biannual: return 6
        case .quarterly: return 3
        case .monthly: return 1
        }
    }
}

/// The Independent Reporting Mechanism's scales.
public enum IRMCompletion: String, CodeEnum { case notStarted = "not-started", limited, substantial, complete }
public enum IRMOpenGovernment: String, CodeEnum {
    case worsened, didNotChange = "did-not-change", marginal, major, outstanding
}
public enum IRMPotential: String, CodeEnum { case unclear, modest, substantial }
