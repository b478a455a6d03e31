using ReliefPlatform.Provider.Domain.Ratings;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class RatingTests
{
    [Fact]
    public void Ratings_aggregate_the_mean_and_the_share_rated_four_or_five()
    {
        var rating = ProviderRating.For("p1", "daily-care");
        foreach (var score in new[] { 5, 4, 3, 5 })
        {
            rating.Add(score);
        }

        Assert.Equal(4, rating.Count);
        Assert.Equal(4.25m, rating.Mean);
        Assert.Equal(0.75m, rating.SatisfiedShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => rating.Add(0));
        Assert.Equal(4, rating.Count);
    }
}
