namespace ReliefPlatform.Provider.Domain.Qualifications;

/// <summary>The certificates the county starts with, and the shipped catalogue items that require them.</summary>
public static class SeedQualifications
{
    public const string SocialWorker = "social-worker";
    public const string ElderlyCareWorker = "elderly-care-worker";
    public const string HealthCertificate = "health-certificate";
    public const string Nurse = "nurse";
    public const string LegalProfessional = "legal-professional";
    public const string DrivingLicence = "driving-licence";
    public const string FoodBusinessLicence = "food-business-licence";

    public static IEnumerable<QualificationType> Types() =>
    [
        QualificationType.Define(SocialWorker, "社会工作者职业资格证书（社工证）"),
        QualificationType.Define(ElderlyCareWorker, "养老护理员职业技能等级证书"),
        QualificationType.Define(HealthCertificate, "健康证明（健康证）"),
        QualificationType.Define(Nurse, "护士执业证书"),
        QualificationType.Define("psychological-counsellor", "心理咨询师证书"),
        QualificationType.Define(LegalProfessional, "法律职业资格证书"),
        QualificationType.Define(DrivingLicence, "机动车驾驶证"),
        QualificationType.Define(FoodBusinessLicence, "食品经营许可证"),
    ];

    public static IEnumerable<ItemRequirement> Requirements() =>
    [
        ItemRequirement.Require("daily-care", ElderlyCareWorker),
        ItemRequirement.Require("respite-care", ElderlyCareWorker),
        ItemRequirement.Require("bathing-assistance", ElderlyCareWorker),
        ItemRequirement.Require("rehabilitation-nursing", Nurse),
        ItemRequirement.Require("meal-assistance", HealthCertificate),
        ItemRequirement.Require("meal-assistance", FoodBusinessLicence),
        ItemRequirement.Require("counselling", SocialWorker),
        ItemRequirement.Require("legal-aid", LegalProfessional),
        ItemRequirement.Require("transport", DrivingLicence),
    ];
}
