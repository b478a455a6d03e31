using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.UnitTests.Problems;

/// <summary>How every list reads the page a caller asked for.</summary>
public sealed class PagingTests
{
    [Theory]
    [InlineData(null, null, 1, 50, 0)]
    [InlineData(3, 20, 3, 20, 40)]
    [InlineData(0, 0, 1, 1, 0)]
    [InlineData(-5, -1, 1, 1, 0)]
    [InlineData(2, 10_000, 2, 200, 200)]
    public void A_page_and_size_are_clamped_to_what_a_list_serves(int? page, int? pageSize, int number, int size, int skip)
    {
        var paging = Paging.Of(page, pageSize);

        Assert.Equal((number, size, skip), (paging.Number, paging.Size, paging.Skip));
    }

    [Fact]
    public void A_list_with_a_smaller_ceiling_keeps_it()
    {
        Assert.Equal(100, Paging.Of(1, 500, maxSize: 100).Size);
    }
}
