namespace ReliefPlatform.ServiceDefaults;

/// <summary>
/// One page of a list as the caller asked for it: the page number (from 1) and its size, clamped to what a list
/// serves at most. A page past the end is an empty page, not an error.
/// </summary>
public readonly record struct Paging(int Number, int Size)
{
    public const int DefaultSize = 50;

    public const int DefaultMaxSize = 200;

    public static Paging Of(int? page, int? pageSize, int maxSize = DefaultMaxSize) =>
        new(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultSize, 1, maxSize));

    /// <summary>How many rows come before this page.</summary>
    public int Skip => (Number - 1) * Size;
}
