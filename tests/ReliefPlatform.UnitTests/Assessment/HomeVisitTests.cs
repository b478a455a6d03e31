using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Assessment.Domain.Discovery;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class HomeVisitTests
{
    [Fact]
    public void A_visit_time_given_in_county_time_is_kept_as_the_same_instant_in_UTC()
    {
        var countyTime = new DateTimeOffset(2026, 11, 28, 14, 30, 0, TimeSpan.FromHours(8));

        var visit = HomeVisit.Record(Guid.NewGuid(), "341525101", null, AssessmentPlace.Home, countyTime, "protected", null, "visitor", DateTimeOffset.UtcNow);

        Assert.Equal(TimeSpan.Zero, visit.VisitedAt.Offset);
        Assert.Equal(countyTime, visit.VisitedAt);
        Assert.Equal(6, visit.VisitedAt.Hour);
    }
}
