using ReliefPlatform.Catalogue.Domain.Versions;

namespace ReliefPlatform.UnitTests.Catalogue;

public sealed class CatalogueVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly NewYear = new(2027, 1, 1);

    [Fact]
    public void A_draft_is_published_only_by_someone_who_neither_drafted_nor_edited_it()
    {
        var draft = CatalogueVersion.Draft(1, "", "drafter", Now);
        draft.Edit("editor");
        draft.Submit(NewYear, "新增助急服务", "drafter", Now);

        Assert.Throws<CatalogueStateException>(() => draft.Approve(2, "drafter", Now));
        Assert.Throws<CatalogueStateException>(() => draft.Approve(2, "editor", Now));
        draft.Approve(2, "approver", Now);

        Assert.Equal(VersionStatus.Published, draft.Status);
        Assert.Equal(2, draft.Number);
        Assert.Equal("approver", draft.ApprovedBy);
    }

    [Fact]
    public void A_submitted_draft_cannot_be_edited_until_it_is_returned()
    {
        var draft = CatalogueVersion.Draft(1, "", "drafter", Now);
        draft.Submit(NewYear, "", "drafter", Now);

        Assert.Throws<CatalogueStateException>(() => draft.Edit("drafter"));
        draft.Return("单价需再核", "approver");
        draft.Edit("drafter");

        Assert.Equal(VersionStatus.Draft, draft.Status);
        Assert.Equal("单价需再核", draft.ReturnReason);
    }

    [Fact]
    public void Only_a_submitted_draft_can_be_approved_and_a_published_version_never_changes()
    {
        var draft = CatalogueVersion.Draft(1, "", "drafter", Now);
        Assert.Throws<CatalogueStateException>(() => draft.Approve(2, "approver", Now));

        draft.Submit(NewYear, "", "drafter", Now);
        draft.Approve(2, "approver", Now);

        Assert.Throws<CatalogueStateException>(() => draft.Edit("drafter"));
        Assert.Throws<CatalogueStateException>(() => draft.Discard("drafter"));
        Assert.Throws<CatalogueStateException>(() => draft.Approve(3, "someone", Now));
        Assert.Throws<CatalogueStateException>(() => draft.Return("x", "someone"));
    }

    [Fact]
    public void Each_version_applies_until_the_day_before_the_next_and_the_latest_has_no_end()
    {
        var timeline = CatalogueTimeline.Build([
            (2, new DateOnly(2027, 1, 1), "", Now),
            (1, new DateOnly(2026, 1, 1), "", Now),
            (3, new DateOnly(2027, 7, 1), "", Now),
        ]);

        Assert.Equal([1, 2, 3], timeline.Select(v => v.Version));
        Assert.Equal(new DateOnly(2026, 12, 31), timeline[0].EffectiveTo);
        Assert.Equal(new DateOnly(2027, 6, 30), timeline[1].EffectiveTo);
        Assert.Null(timeline[2].EffectiveTo);
        Assert.Null(CatalogueTimeline.EffectiveOn(timeline, new DateOnly(2025, 12, 31)));
        Assert.Equal(1, CatalogueTimeline.EffectiveOn(timeline, new DateOnly(2026, 12, 31))!.Version);
        Assert.Equal(2, CatalogueTimeline.EffectiveOn(timeline, new DateOnly(2027, 1, 1))!.Version);
        Assert.Equal(3, CatalogueTimeline.EffectiveOn(timeline, new DateOnly(2030, 1, 1))!.Version);
    }
}
