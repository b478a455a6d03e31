using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ReliefPlatform.Gateway.Protection;

/// <summary>
/// Allowances a replica has already taken from the shared Redis count and may spend locally, so a busy
/// user costs one Redis round trip per block of requests rather than per request. A window's leftovers
/// die with its key (the key names the window).
/// </summary>
internal sealed class RateLimitLeases
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _remaining = new(StringComparer.Ordinal);

    public bool TryTake(string key) =>
        _remaining.TryGetValue(key, out var box) && Interlocked.Decrement(ref box.Value) >= 0;

    public void Add(string key, int allowance)
    {
        if (_remaining.Count > MaxKeys)
        {
            _remaining.Clear();
        }

        var box = _remaining.GetOrAdd(key, _ => new StrongBox<int>(0));
        int current;
        do
        {
            current = Volatile.Read(ref box.Value);
        }
        while (Interlocked.CompareExchange(ref box.Value, Math.Max(current, 0) + allowance, current) != current);
    }
}
