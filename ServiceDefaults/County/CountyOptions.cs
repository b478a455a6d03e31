namespace ReliefPlatform.ServiceDefaults.County;

/// <summary>
/// The county's seed data, read from configuration section <c>County</c>. The AppHost owns the list and
/// hands it to every service, so adding a township is a configuration change only.
/// </summary>
public sealed class CountyOptions
{
    public const string Section = "County";

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public List<Township> Townships { get; set; } = [];

    public Township? FindTownship(string? code) =>
        code is null ? null : Townships.Find(t => string.Equals(t.Code, code, StringComparison.Ordinal));

    /// <summary>The village or community with this code in any township (its code begins with its township's).</summary>
    public Village? FindVillage(string? code) =>
        code is { Length: > 9 } ? FindTownship(code[..9])?.FindVillage(code) : null;
}
