using System.Collections.Frozen;

namespace ReliefPlatform.Catalogue.Domain.Vocabulary;

/// <summary>The vocabulary as rules and explanations read it: which codes exist, and their Chinese names.</summary>
public sealed class CatalogueVocabulary
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, VocabularyCode>> _byKind;

    public CatalogueVocabulary(IEnumerable<VocabularyCode> codes) =>
        _byKind = codes.GroupBy(c => c.Kind, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal), StringComparer.Ordinal);

    public bool Knows(string kind, string? code) =>
        code is not null && _byKind.TryGetValue(kind, out var codes) && codes.ContainsKey(code);

    /// <summary>The Chinese name, or the code itself when it is not (or no longer) in the vocabulary.</summary>
    public string Name(string kind, string code) =>
        _byKind.TryGetValue(kind, out var codes) && codes.TryGetValue(code, out var known) ? known.NameZh : code;

    public string Names(string kind, IEnumerable<string> codes) => string.Join("、", codes.Select(c => Name(kind, c)));

    /// <summary>Position in the kind's order (degrees are ordered lowest first); -1 when unknown.</summary>
    public int Rank(string kind, string? code) =>
        code is not null && _byKind.TryGetValue(kind, out var codes) && codes.TryGetValue(code, out var known) ? known.SortOrder : -1;
}
