using System.Collections;
using System.Globalization;
using System.Resources;
using ReliefPlatform.Portal;
using ReliefPlatform.Portal.Hub;

namespace ReliefPlatform.UnitTests.Portal;

public sealed class PortalResourcesTests
{
    private static readonly ResourceManager Texts = new("ReliefPlatform.Portal.Resources.Strings", typeof(Strings).Assembly);

    /// <summary>The texts of one language only (no fallback to the Chinese default).</summary>
    private static HashSet<string> Keys(CultureInfo culture) =>
        [.. Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key)];

    [Fact]
    public void Every_Chinese_text_of_the_portal_has_its_English_one_and_no_English_text_is_left_without_a_Chinese_one()
    {
        var chinese = Keys(CultureInfo.InvariantCulture);
        var english = Keys(new CultureInfo("en"));

        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    [Theory]
    [InlineData("/api/assessment/ledger/export", true)]
    [InlineData("/api/assessment/imports/01a22b8e-0548-79c5-a543-6579b4dd438e/errors", true)]
    [InlineData("/api/assessment/imports/01a22b8e-0548-79c5-a543-6579b4dd438e", false)]
    [InlineData("/api/assessment/imports", false)]
    [InlineData("/api/assessment/import-profiles/01a22b8e-0548-79c5-a543-6579b4dd438e/template", true)]
    [InlineData("/api/assessment/import-profiles/01a22b8e-0548-79c5-a543-6579b4dd438e", false)]
    [InlineData("/api/funding/donations/01a22b8e-0548-79c5-a543-6579b4dd438e/receipt", true)]
    [InlineData("/api/funding/donations/01a22b8e-0548-79c5-a543-6579b4dd438e", false)]
    [InlineData("/api/catalogue/versions/2/print", true)]
    [InlineData("/api/catalogue/versions/2", false)]
    [InlineData("/api/funding/projects/01a22b8e-0548-79c5-a543-6579b4dd438e/documents/01a22b8e-0548-79c5-a543-6579b4dd438f", true)]
    [InlineData("/api/funding/projects/01a22b8e-0548-79c5-a543-6579b4dd438e/documents", false)]
    [InlineData("/api/assessment/imports/01a22b8e-0548-79c5-a543-6579b4dd438e/errors/../../../households", false)]
    [InlineData("/api/assessment/households/01a22b8e-0548-79c5-a543-6579b4dd438e", false)]
    public void The_portal_hands_browsers_the_hubs_files_only_not_any_API_answer(string apiPath, bool handed) =>
        Assert.Equal(handed, Downloads.IsFile(apiPath));
}
