namespace ReliefPlatform.Security.PersonalData;

/// <summary>
/// Keys for personal data, from configuration section <c>PersonalData</c> (a secret store in production;
/// the AppHost generates them for development runs and keeps them beside kept data). Never from Redis.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Encryption keys by id, each 32 random bytes in base64. Old ids stay so old ciphertext still opens.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key id new values are encrypted with.</summary>
    public string ActiveKey { get; set; } = "";

    /// <summary>The blind-index key, 32 random bytes in base64. Changing it means re-indexing every row.</summary>
    public string IndexKey { get; set; } = "";
}
