import Foundation

/// 活动形式.
public enum ActivityForm: String, Sendable, Codable, CaseIterable, Hashable {
    case online = "线上"
    case offline = "线下"
}

/// 活动类别.
public enum ActivityCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case popularScience = "科普活动"
    case academicExchange = "学术交流"
    case innovationService = "科创服务"
    case innovationScience = "科创科普"
    case scientistSpirit = "科学家精神宣讲"
    case training = "培训"
    case other = "其他"
}

/// 活动主题.
public enum ActivityTheme: String, Sendable, Codable, CaseIterable, Hashable {
    case foodSafety = "食品安全"
    case emergency = "应急防灾"
    case cyberSecurity = "网络安全"
    case youthEducation = "青少年科技教育"
    case scientistSpirit = "科学家精神"
    case other = "其他"
}

/// Where a value came from: the file as received and the row in its sheet.
public struct SourceRef: Sendable, Codable, Hashable {
    public var file: String
    public var sheet: String
    public var row: Int
    /// The cell (`C5`) for a value read from one cell of the row; nil for a whole row.
    public var cell: String?

    public init(file: String, sheet: String, row: Int, cell: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.cell = cell
    }

    /// `工作量!C5` for a cell, `活动明细!14` for a row.
    public var location: String { "\(sheet)!\(cell ?? String(row))" }
}

/// One row of 活动明细, normalised and validated.
public struct ActivityRecord: Sendable, Codable, Hashable {
    public var unitCode: String
    public var period: Period
    public var sequence: Int?
    public var name: String
    public var date: CalendarDate
    public var form: ActivityForm
    public var category: ActivityCategory
    public var theme: ActivityTheme
    /// 覆盖人数 (人次).
    public var coverage: Int
    public var place: String
    public var partner: String
    public var note: String
    public var source: SourceRef
    /// The text as the unit typed it, for the fields whose counted value was normalised from
    /// something else (科普讲座 → 科普活动, `约50人` → 50); the other fields are absent.
    public var sent: [ActivityField: String] = [:]

    public init(unitCode: String, period: Period, sequence: Int? = nil, name: String, date: CalendarDate,
                form: ActivityForm, category: ActivityCategory, theme: ActivityTheme, coverage: Int,
                place: String = "", partner: String = "", note: String = "", source: SourceRef) {
        self.unitCode = unitCode
        self.period = period
        self.sequence = sequence
        self.name = name
        self.date = date
        self.form = form
        self.category = category
        self.theme = theme
        self.coverage = coverage
        self.place = place
        self.partner = partner
        self.note = note
        self.source = source
    }
}

/// 工作量 items, with the counting unit shown in the template (`新成立企业科协(家)`).
public enum WorkloadItem: String, Sendable, Codable, CaseIterable, Hashable {
    case newEnterpriseAssociations = "新成立企业科协"
    case recruitedScienceWorkers = "吸纳科技工作者"
    case appliedProjects = "申报科普项目"
    case approvedProjects = "获批科普项目"
    case approvedExpertStations = "获批专家工作站"
    case recruitedExperts = "引进专家人才"
    case printedBooklets = "编印科普读物"
    case producedVideos = "制作科普视频"
    case producedArticles = "制作科普图文"
    case recommendedTalents = "举荐科技人才"

    /// 家 / 人 / 个 / 册 / 篇.
    public var countingUnit: String {
        switch self {
        case .newEnterpriseAssociations, .approvedExpertStations: return "家"
        case .recruitedScienceWorkers, .recruitedExperts, .recommendedTalents: return "人"
        case .appliedProjects, .approvedProjects, .producedVideos: return "个"
        case .printedBooklets: return "册"
        case .producedArticles: return "篇"
        }
    }

    /// The label as written in the template: `新成立企业科协(家)`.
    public var templateLabel: String { "\(rawValue)(\(countingUnit))" }
}

/// One row of 工作量: a monthly count.
public struct WorkloadEntry: Sendable, Codable, Hashable {
    public var unitCode: String
    public var period: Period
    public var item: WorkloadItem
    public var quantity: Int
    public var note: String
    public var source: SourceRef

    public init(unitCode: String, period: Period, item: WorkloadItem, quantity: Int, note: String = "", source: SourceRef) {
        self.unitCode = unitCode
        self.period = period
        self.item = item
        self.quantity = quantity
        self.note = note
        self.source = source
    }
}

/// The district office's (QU00) 预算与满意度 sheet. Money in 万元, exact decimals.
public struct DistrictInputs: Sendable, Codable, Hashable {
    /// 年初预算数.
    public var initialBudget: Decimal
    /// 追加数.
    public var addition: Decimal
    /// 调减数.
    public var reduction: Decimal
    /// 全年执行数.
    public var executed: Decimal
    /// 满意度调查有效问卷数.
    public var validQuestionnaires: Int
    /// 满意及以上问卷数.
    public var satisfiedQuestionnaires: Int
    /// 年度总体目标 (free text).
    public var overallGoal: String
    /// 实际完成情况 (free text).
    public var actualCompletion: String
    /// Which submission supplied these (unit QU00, its period and file).
    public var period: Period
    public var sourceFile: String
    /// Where each figure was read, by its label as printed (`年初预算数` → `预算与满意度!B3`);
    /// empty for a ledger written before positions were kept.
    public var cells: [String: String]
    /// The optional figures the self-evaluation report quotes; nil when left blank.
    public var finalAccounts = FinalAccounts()

    public init(initialBudget: Decimal, addition: Decimal, reduction: Decimal, executed: Decimal,
                validQuestionnaires: Int, satisfiedQuestionnaires: Int, overallGoal: String,
                actualCompletion: String, period: Period, sourceFile: String, cells: [String: String] = [:]) {
        self.initialBudget = initialBudget
        self.addition = addition
        self.reduction = reduction
        self.executed = executed
        self.validQuestionnaires = validQuestionnaires
        self.satisfiedQuestionnaires = satisfiedQuestionnaires
        self.overallGoal = overallGoal
        self.actualCompletion = actualCompletion
        self.period = period
        self.sourceFile = sourceFile
        self.cells = cells
    }

    /// 全年预算数 = 年初预算数 + 追加数 − 调减数.
    public var fullYearBudget: Decimal { initialBudget + addition - reduction }

    public var finalIncome: Decimal? { finalAccounts.finalIncome }
    public var fiscalAppropriation: Decimal? { finalAccounts.fiscalAppropriation }
    public var carriedOver: Decimal? { finalAccounts.carriedOver }
    public var basicExpenditure: Decimal? { finalAccounts.basicExpenditure }
    public var projectExpenditure: Decimal? { finalAccounts.projectExpenditure }
}

/// 决算 figures of 预算与满意度 that no indicator scores but the report states (万元).
public struct FinalAccounts: Sendable, Codable, Hashable {
    /// 决算收入合计.
    public var finalIncome: Decimal?
    /// 财政拨款收入.
    public var fiscalAppropriation: Decimal?
    /// 上年结转.
    public var carriedOver: Decimal?
    /// 基本支出.
    public var basicExpenditure: Decimal?
    /// 项目支出.
    public var projectExpenditure: Decimal?

    public init(finalIncome: Decimal? = nil, fiscalAppropriation: Decimal? = nil, carriedOver: Decimal? = nil,
                basicExpenditure: Decimal? = nil, projectExpenditure: Decimal? = nil) {
        self.finalIncome = finalIncome
        self.fiscalAppropriation = fiscalAppropriation
        self.carriedOver = carriedOver
        self.basicExpenditure = basicExpenditure
        self.projectExpenditure = projectExpenditure
    }
}
