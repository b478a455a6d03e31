namespace ReliefPlatform.Catalogue.Domain.Vocabulary;

/// <summary>
/// The codes the county starts with: the registry's categories, the default instrument's degrees, difficulty
/// types and need codes, disability types, the existing policies of the pilot, and the provider kinds and
/// funding sources of the Provider and Funding services. A later instrument or policy adds codes as data (version 2's at the end).
/// </summary>
public static class SeedVocabulary
{
    public static IEnumerable<VocabularyCode> Codes()
    {
        var order = 0;
        VocabularyCode Code(string kind, string code, string name) => VocabularyCode.Define(kind, code, name, ++order);

        yield return Code(VocabularyKinds.Category, "MinimumLivingGuarantee", "低保");
        yield return Code(VocabularyKinds.Category, "DestituteSupport", "特困供养");
        yield return Code(VocabularyKinds.Category, "MarginalLowIncome", "低保边缘");
        yield return Code(VocabularyKinds.Category, "RigidExpenditureHardship", "刚性支出困难");
        yield return Code(VocabularyKinds.Category, "PovertyRelapseMonitoring", "防返贫监测对象");
        yield return Code(VocabularyKinds.Category, "OtherHardship", "其他困难");

        yield return Code(VocabularyKinds.Degree, "General", "一般");
        yield return Code(VocabularyKinds.Degree, "Serious", "较重");
        yield return Code(VocabularyKinds.Degree, "Severe", "严重");

        yield return Code(VocabularyKinds.DifficultyType, "disability-care", "失能照护");
        yield return Code(VocabularyKinds.DifficultyType, "self-care", "生活自理困难");
        yield return Code(VocabularyKinds.DifficultyType, "guardianship-gap", "监护缺失");
        yield return Code(VocabularyKinds.DifficultyType, "social-integration", "心理与社会融入");
        yield return Code(VocabularyKinds.DifficultyType, "economic", "经济困难");

        yield return Code(VocabularyKinds.Need, "meal-assistance", "助餐");
        yield return Code(VocabularyKinds.Need, "bathing-assistance", "助浴");
        yield return Code(VocabularyKinds.Need, "cleaning", "助洁");
        yield return Code(VocabularyKinds.Need, "mobility-assistance", "助行");
        yield return Code(VocabularyKinds.Need, "shopping", "代购");
        yield return Code(VocabularyKinds.Need, "transport", "代步");
        yield return Code(VocabularyKinds.Need, "care", "看护照料");
        yield return Code(VocabularyKinds.Need, "rehabilitation", "康复护理");
        yield return Code(VocabularyKinds.Need, "visiting", "探访");
        yield return Code(VocabularyKinds.Need, "counselling", "心理疏导");
        yield return Code(VocabularyKinds.Need, "legal-aid", "法律援助");
        yield return Code(VocabularyKinds.Need, "skills-training", "技能培训");
        yield return Code(VocabularyKinds.Need, "home-adaptation", "适老化改造");
        yield return Code(VocabularyKinds.Need, "resource-linking", "资源链接");

        yield return Code(VocabularyKinds.DisabilityType, "Visual", "视力残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Hearing", "听力残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Speech", "言语残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Physical", "肢体残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Intellectual", "智力残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Mental", "精神残疾");
        yield return Code(VocabularyKinds.DisabilityType, "Multiple", "多重残疾");

        yield return Code(VocabularyKinds.Policy, "long-term-care-insurance", "长期护理保险");
        yield return Code(VocabularyKinds.Policy, "disability-subsidies", "残疾人两项补贴");
        yield return Code(VocabularyKinds.Policy, "destitute-care-fee", "特困供养照料护理费");
        yield return Code(VocabularyKinds.Policy, "old-age-allowance", "高龄津贴");
        yield return Code(VocabularyKinds.Policy, "medical-assistance", "医疗救助");
        yield return Code(VocabularyKinds.Policy, "temporary-assistance", "临时救助");

        yield return Code(VocabularyKinds.ProviderKind, "department", "政府部门");
        yield return Code(VocabularyKinds.ProviderKind, "mass-organisation", "群团组织");
        yield return Code(VocabularyKinds.ProviderKind, "social-work-organisation", "社会工作服务机构");
        yield return Code(VocabularyKinds.ProviderKind, "elderly-care-organisation", "养老服务机构");
        yield return Code(VocabularyKinds.ProviderKind, "charity", "慈善组织");
        yield return Code(VocabularyKinds.ProviderKind, "volunteer-team", "志愿服务队");
        yield return Code(VocabularyKinds.ProviderKind, "individual-volunteer", "个人志愿者");
        yield return Code(VocabularyKinds.ProviderKind, "neighbour-helper", "邻里互助");

        yield return Code(VocabularyKinds.FundingSource, "fiscal-budget", "财政预算");
        yield return Code(VocabularyKinds.FundingSource, "donation", "社会捐赠");
        yield return Code(VocabularyKinds.FundingSource, "charity-fund", "慈善基金");
        yield return Code(VocabularyKinds.FundingSource, "volunteer-service", "志愿服务");

        // Instrument version 2: the difficulty types of 教育, 居住 and 就业, and the needs departments answer.
        yield return Code(VocabularyKinds.DifficultyType, "education-difficulty", "教育困难");
        yield return Code(VocabularyKinds.DifficultyType, "housing-difficulty", "居住困难");
        yield return Code(VocabularyKinds.DifficultyType, "employment-difficulty", "就业困难");
        yield return Code(VocabularyKinds.Need, "education-support", "助学帮扶");
        yield return Code(VocabularyKinds.Need, "employment-support", "就业帮扶");
        yield return Code(VocabularyKinds.Need, "housing-renovation", "危房改造");
        yield return Code(VocabularyKinds.Need, "medical-support", "就医帮扶");

        // Mass organisations' groups: a member's sex and employment status, as the registry's codes (妇联, 工会).
        yield return Code(VocabularyKinds.Sex, "Female", "女性");
        yield return Code(VocabularyKinds.Sex, "Male", "男性");
        yield return Code(VocabularyKinds.EmploymentStatus, "Employed", "在业");
        yield return Code(VocabularyKinds.EmploymentStatus, "FlexiblyEmployed", "灵活就业");
        yield return Code(VocabularyKinds.EmploymentStatus, "Farming", "务农");
        yield return Code(VocabularyKinds.EmploymentStatus, "Unemployed", "失业");
        yield return Code(VocabularyKinds.EmploymentStatus, "Retired", "退休");
        yield return Code(VocabularyKinds.EmploymentStatus, "Student", "在校学生");
        yield return Code(VocabularyKinds.EmploymentStatus, "UnableToWork", "丧失劳动能力");
    }
}
