using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReliefPlatform.AppHost.Operations;

/// <summary>
/// The county's keys in one file kept apart from the data: the configuration values the services take them from
/// (<c>PersonalData:Keys:*</c>, <c>PersonalData:ActiveKey</c>, <c>PersonalData:IndexKey</c>, <c>Identity:SigningKey</c>,
/// <c>Identity:EncryptionKey</c>), sealed with AES-256-GCM under a key derived from a passphrase with PBKDF2-SHA256
/// (600,000 iterations, a random salt per bundle). The header — format, KDF, iterations, salt — is the cipher's
/// associated data, so a changed parameter fails like a wrong passphrase.
/// </summary>
internal static class KeyBundle
{
    public const string Format = "reliefplatform-keys/1";
    public const int Iterations = 600_000;
    public const int MinimumPassphraseLength = 12;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static byte[] Seal(IReadOnlyDictionary<string, string> keys, string passphrase)
    {
        if (passphrase.Length < MinimumPassphraseLength)
        {
            throw new KeyBundleException($"The passphrase must have at least {MinimumPassphraseLength} characters.");
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = JsonSerializer.SerializeToUtf8Bytes(keys);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        var header = new Header(Format, "PBKDF2-SHA256", Iterations, Convert.ToBase64String(salt));
        using (var aes = new AesGcm(Derive(passphrase, salt, Iterations), tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag, header.AssociatedData());
        }

        CryptographicOperations.ZeroMemory(plain);
        return JsonSerializer.SerializeToUtf8Bytes(
            new Sealed(header.Format, header.Kdf, header.Iterations, header.Salt, Convert.ToBase64String(nonce), Convert.ToBase64String(cipher), Convert.ToBase64String(tag)),
            Json);
    }

    public static Dictionary<string, string> Open(byte[] bundle, string passphrase)
    {
        Sealed? file;
        try
        {
            file = JsonSerializer.Deserialize<Sealed>(bundle, Json);
        }
        catch (JsonException)
        {
            file = null;
        }

        if (file is null || file.Format != Format || file.Kdf != "PBKDF2-SHA256" || file.Iterations < Iterations
            || file.Salt is null || file.Nonce is null || file.Ciphertext is null || file.Tag is null)
        {
            throw new KeyBundleException($"This is not a key bundle ({Format}).");
        }

        try
        {
            var header = new Header(file.Format, file.Kdf, file.Iterations, file.Salt);
            var cipher = Convert.FromBase64String(file.Ciphertext);
            var plain = new byte[cipher.Length];
            using (var aes = new AesGcm(Derive(passphrase, Convert.FromBase64String(file.Salt), file.Iterations), 16))
            {
                aes.Decrypt(Convert.FromBase64String(file.Nonce), cipher, Convert.FromBase64String(file.Tag), plain, header.AssociatedData());
            }

            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(plain);
            CryptographicOperations.ZeroMemory(plain);
            return keys ?? throw new KeyBundleException("The key bundle is empty.");
        }
        catch (Exception ex) when (ex is AuthenticationTagMismatchException or FormatException or ArgumentException or JsonException)
        {
            throw new KeyBundleException("The key bundle does not open: a wrong passphrase, or the file was changed.");
        }
    }

    private static byte[] Derive(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);

    private sealed record Header(string Format, string Kdf, int Iterations, string Salt)
    {
        public byte[] AssociatedData() => Encoding.UTF8.GetBytes($"{Format}|{Kdf}|{Iterations}|{Salt}");
    }

    private sealed record Sealed(
        [property: JsonRequired] string Format,
        [property: JsonRequired] string Kdf,
        [property: JsonRequired] int Iterations,
        string? Salt,
        string? Nonce,
        string? Ciphertext,
        string? Tag);
}

internal sealed class KeyBundleException(string message) : Exception(message);
