using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.Security.PersonalData;

/// <summary>
/// Encrypts personal data for storage (AES-256-GCM, a fresh nonce per value, the purpose bound in as
/// associated data so a value cannot be moved to another column) and computes blind indexes
/// (HMAC-SHA256 under a separate key) for exact lookup and de-duplication without decrypting.
/// Stored form: <c>v1.&lt;key id&gt;.&lt;base64(nonce ‖ tag ‖ ciphertext)&gt;</c>.
/// </summary>
public sealed class PersonalDataProtector : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKey;
    private readonly byte[] _indexKey;
    private readonly ThreadLocal<Dictionary<string, AesGcm>> _ciphers = new(() => new Dictionary<string, AesGcm>(StringComparer.Ordinal), trackAllValues: true);

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var value = options.Value;
        _keys = value.Keys.ToDictionary(k => k.Key, k => Key(k.Value, $"PersonalData:Keys:{k.Key}"), StringComparer.Ordinal);
        if (!_keys.ContainsKey(value.ActiveKey))
        {
            throw new InvalidOperationException("PersonalData:ActiveKey must name one of PersonalData:Keys; personal data cannot be stored without it.");
        }

        _activeKey = value.ActiveKey;
        _indexKey = Key(value.IndexKey, "PersonalData:IndexKey");
    }

    /// <summary>How every sealed text begins (the format's version); a stored value without it was written before sealing began.</summary>
    public const string SealedPrefix = "v1.";

    /// <summary>Whether a stored text is in the sealed form (<see cref="Protect(string, string)"/>) rather than plain.</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>The text again, or a value written before sealing began (plain text) as it is.</summary>
    public string OpenOrPlain(string stored, string purpose) => IsSealed(stored) ? Unprotect(stored, purpose) : stored;

    public string Protect(string plaintext, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Cipher(_activeKey).Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return $"v1.{_activeKey}.{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>
    /// Binary data (an uploaded file's chunk) sealed the same way as text, without the base64 step:
    /// <c>v1.&lt;key id&gt;.</c> in ASCII, then nonce ‖ tag ‖ ciphertext.
    /// </summary>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var header = Encoding.ASCII.GetBytes($"v1.{_activeKey}.");
        var sealedBytes = new byte[header.Length + NonceSize + TagSize + plaintext.Length];
        header.CopyTo(sealedBytes, 0);
        var body = sealedBytes.AsSpan(header.Length);
        var nonce = body[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        Cipher(_activeKey).Encrypt(nonce, plaintext, body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return sealedBytes;
    }

    /// <summary>The plaintext of <see cref="Protect(ReadOnlySpan{byte}, string)"/>; fails when it was changed, moved to another purpose or names an unknown key.</summary>
    public byte[] Unprotect(ReadOnlySpan<byte> stored, string purpose)
    {
        var keyEnd = stored.Length > 3 && stored[..3].SequenceEqual("v1."u8) ? stored[3..].IndexOf((byte)'.') : -1;
        var keyId = keyEnd > 0 ? Encoding.ASCII.GetString(stored.Slice(3, keyEnd)) : null;
        var body = keyEnd > 0 ? stored[(3 + keyEnd + 1)..] : default;
        if (keyId is null || !_keys.ContainsKey(keyId) || body.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Stored personal data is not in a known format or names an unknown key.");
        }

        var plain = new byte[body.Length - NonceSize - TagSize];
        Cipher(keyId).Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }

    public string Unprotect(string stored, string purpose)
    {
        var parts = stored.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "v1" || !_keys.ContainsKey(parts[1]))
        {
            throw new CryptographicException("Stored personal data is not in a known format or names an unknown key.");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        Cipher(parts[1]).Decrypt(
            sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A deterministic, keyed fingerprint of a normalised value: equal values, equal index; no way back.</summary>
    /// <remarks>
    /// The first 128 bits of HMAC-SHA256 in base64url (22 characters): collisions stay out of reach (2^64 values
    /// before one is likely), and the county-wide unique index is a third the size of a hex SHA-256.
    /// </remarks>
    public string BlindIndex(string normalised, string purpose)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes($"{purpose}\n{normalised}"), mac);
        return Base64Url.EncodeToString(mac[..16]);
    }

    /// <summary>
    /// One AES-GCM instance per key and thread: setting a key up costs more than encrypting a short value, and an
    /// import encrypts two values per row.
    /// </summary>
    private AesGcm Cipher(string keyId)
    {
        var ciphers = _ciphers.Value!;
        if (!ciphers.TryGetValue(keyId, out var cipher))
        {
            cipher = new AesGcm(_keys[keyId], TagSize);
            ciphers[keyId] = cipher;
        }

        return cipher;
    }

    public void Dispose()
    {
        foreach (var cipher in _ciphers.Values.SelectMany(c => c.Values))
        {
            cipher.Dispose();
        }

        _ciphers.Dispose();
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static byte[] Key(string base64, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be 32 bytes (256 bits).");
    }
}
