namespace ReliefPlatform.Funding.Infrastructure;

/// <summary>
/// Figures computed once per state of the data they are computed from. A caller names the figures (a key) and the state it
/// sees now (a version, read cheaply from the database); while the version stays the same, every caller gets the one
/// computation — callers asking at the same moment wait for it instead of each starting their own. A new version replaces
/// the key's entry, so the figures are never older than the data the caller saw. A failed computation is not kept.
/// </summary>
/// <remarks>
/// The computation runs without the caller's cancellation: a viewer who leaves does not waste the work the others wait for.
/// One entry per key is kept (the latest version's), so memory grows only with the keys asked for.
/// </remarks>
public class FreshFigures<TKey, TFigures> where TKey : notnull
{
    private readonly Dictionary<TKey, (string Version, Task<TFigures> Figures)> _entries = [];
    private readonly Lock _gate = new();

    public Task<TFigures> GetAsync(TKey key, string version, Func<Task<TFigures>> compute, CancellationToken cancellationToken)
    {
        Task<TFigures> figures;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.Version != version || entry.Figures.IsFaulted || entry.Figures.IsCanceled)
            {
                entry = (version, Task.Run(compute, CancellationToken.None));
                _entries[key] = entry;
            }

            figures = entry.Figures;
        }

        return figures.WaitAsync(cancellationToken);
    }
}
