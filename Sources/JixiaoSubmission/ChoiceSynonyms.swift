import JixiaoModel

/// Fixed equivalents people write instead of the template's choices. They normalise without
/// a warning because each names exactly one choice; anything vaguer goes through
/// `Normalize.choice`'s containment guess, which does warn.
enum ChoiceSynonyms {
    /// By 活动明细 column, as the text the column stores; a choice column without an entry
    /// takes its values only.
    static let byField: [ActivityField: [String: String]] = [
        .form: form.mapValues(\.rawValue),
        .category: category.mapValues(\.rawValue),
        .theme: theme.mapValues(\.rawValue),
    ]

    static let form: [String: ActivityForm] = [
        "线下活动": .offline, "现场": .offline, "现场活动": .offline, "线下讲座": .offline,
        "线下开展": .offline, "实地": .offline, "面授": .offline, "线下宣传": .offline,
        "线上活动": .online, "线上直播": .online, "网络": .online, "网络直播": .online,
        "直播": .online, "网上": .online, "云上": .online, "线上讲座": .online, "视频会议": .online,
    ]

    static let category: [String: ActivityCategory] = [
        "科普": .popularScience, "科普宣传": .popularScience, "科普讲座": .popularScience,
        "科普宣传活动": .popularScience, "科普惠民": .popularScience, "科普惠民活动": .popularScience,
        "学术活动": .academicExchange, "学术会议": .academicExchange, "学术报告": .academicExchange,
        "学术交流活动": .academicExchange, "学术研讨": .academicExchange,
        "科创服务活动": .innovationService, "科技服务": .innovationService, "创新服务": .innovationService,
        "科技创新服务": .innovationService,
        "科创科普活动": .innovationScience,
        "科学家精神": .scientistSpirit, "科学家精神宣传": .scientistSpirit, "科学家精神宣讲活动": .scientistSpirit,
        "培训班": .training, "技能培训": .training, "科技工作者培训": .training, "培训活动": .training,
        "其它": .other,
    ]

    static let theme: [String: ActivityTheme] = [
        "食品安全宣传": .foodSafety, "食品": .foodSafety, "食安": .foodSafety,
        "应急": .emergency, "防灾减灾": .emergency, "应急科普": .emergency, "防灾": .emergency,
        "应急安全": .emergency, "应急救护": .emergency,
        "网安": .cyberSecurity, "网络安全宣传": .cyberSecurity, "反诈": .cyberSecurity,
        "青少年": .youthEducation, "青少年科普": .youthEducation, "科技教育": .youthEducation,
        "青少年科学教育": .youthEducation,
        "科学家精神宣讲": .scientistSpirit, "弘扬科学家精神": .scientistSpirit,
        "其它": .other,
    ]
}
