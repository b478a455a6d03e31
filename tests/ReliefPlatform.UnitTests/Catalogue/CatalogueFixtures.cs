using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Matching;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.UnitTests.Catalogue;

/// <summary>The shipped vocabulary and catalogue, and households built to fit (or miss) an item's scope.</summary>
internal static class CatalogueFixtures
{
    public const string Hengshan = "341525100";
    public const string Foziling = "341525101";

    public static readonly CatalogueVocabulary Vocabulary = new(SeedVocabulary.Codes());

    public static readonly ItemRules.Context Rules = new(
        Vocabulary, new HashSet<string>(["care", "living", "concern"]), new HashSet<string>([Hengshan, Foziling]));

    public static readonly IReadOnlyList<ItemDefinition> Seeded = CatalogueJson.Default().Items;

    public static readonly ItemMatcher Matcher = new(Vocabulary, code => code == Hengshan ? "衡山镇" : code == Foziling ? "佛子岭镇" : code);

    public static ItemDefinition Item(string code) => Seeded.Single(i => i.Code == code);

    /// <summary>A household that meets every condition of the scope, and receives no existing policy.</summary>
    public static HouseholdProfile Fitting(TargetScope scope)
    {
        var age = scope.MinAge ?? scope.MaxAge ?? 50;
        var disabled = scope.DisabilityRequired || scope.DisabilityTypes.Count > 0 || scope.MaxDisabilityGrade is not null;
        return new HouseholdProfile
        {
            TownshipCode = Hengshan,
            Category = scope.Categories.Count > 0 ? scope.Categories[0] : "MinimumLivingGuarantee",
            Degree = "Severe",
            DifficultyTypes = scope.DifficultyTypes.Take(1).ToList(),
            NeedCodes = scope.NeedCodes.Take(1).ToList(),
            Members =
            [
                new MemberProfile
                {
                    Age = age,
                    DisabilityType = disabled ? (scope.DisabilityTypes.Count > 0 ? scope.DisabilityTypes[0] : "Physical") : null,
                    DisabilityGrade = disabled ? scope.MaxDisabilityGrade ?? 1 : null,
                    LivingAlone = scope.LivingAloneRequired,
                    Sex = scope.Sex ?? "Male",
                    EmploymentStatus = scope.EmploymentStatuses.Count > 0 ? scope.EmploymentStatuses[0] : null,
                },
            ],
        };
    }
}
