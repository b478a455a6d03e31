namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// The keys without which the county's data is lost even when every database survives: the personal-data key and the
/// blind-index key (every service), and the identity service's token signing and encryption keys. Each is a secret of
/// the local state (<c>.secrets/&lt;name&gt;</c> beside kept data, or <c>Secrets:&lt;name&gt;</c>) handed to the services as
/// the configuration value named here.
/// </summary>
internal static class CountyKeys
{
    public const string PersonalDataKey = "personal-data-key";
    public const string PersonalDataIndexKey = "personal-data-index-key";
    public const string TokenSigningKey = "token-signing-key";
    public const string TokenEncryptionKey = "token-encryption-key";

    /// <summary>The id a local run gives its one personal-data key (a county in production may hold older ones too).</summary>
    public const string PersonalDataKeyId = "k1";

    public const string ActiveKeySetting = "PersonalData:ActiveKey";

    /// <summary>Secret name → the configuration value the services read it from.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PersonalDataKey] = $"PersonalData:Keys:{PersonalDataKeyId}",
        [PersonalDataIndexKey] = "PersonalData:IndexKey",
        [TokenSigningKey] = "Identity:SigningKey",
        [TokenEncryptionKey] = "Identity:EncryptionKey",
    };

    /// <summary>Hands a key to a service as the configuration value it reads it from.</summary>
    public static IResourceBuilder<ProjectResource> WithCountyKey(
        this IResourceBuilder<ProjectResource> service, LocalState state, string name, Func<string> generate) =>
        service.WithEnvironment(Environment(Settings[name]), state.Key(name, generate));

    /// <summary>The environment variable a service reads a configuration value from.</summary>
    public static string Environment(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);
}
