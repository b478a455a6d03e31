using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ReliefPlatform.Security.Idempotency;

/// <summary>
/// What an <c>Idempotency-Key</c> is bound to besides its caller and operation: a SHA-256 digest of the request
/// (method, path with its route values, query, body bytes). Two values are derived from the digest, which itself is
/// never stored: the <see cref="Fingerprint"/>, kept with the key to recognise the same request again, and a key
/// that seals the stored answer — so an answer kept for a replay (which may name a household) opens only for the
/// very request that produced it, not for whoever reads the database or Redis.
/// </summary>
public sealed class IdempotentRequest
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] FingerprintLabel = "relief.idempotency.fingerprint.v1"u8.ToArray();
    private static readonly byte[] SealLabel = "relief.idempotency.answer.v1"u8.ToArray();

    private readonly byte[] _sealKey;

    private IdempotentRequest(byte[] digest)
    {
        Fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(digest, FingerprintLabel));
        _sealKey = HMACSHA256.HashData(digest, SealLabel);
    }

    /// <summary>64 hex characters; equal for the same request, different for any other.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The request's digest. Paths are matched case-insensitively by routing, so the path is lower-cased; the query
    /// and the body are taken byte for byte. Each part is length-prefixed, so no two requests share an encoding.
    /// </summary>
    public static IdempotentRequest From(string method, string path, string query, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPart(sha, Encoding.UTF8.GetBytes(method.ToUpperInvariant()));
        AppendPart(sha, Encoding.UTF8.GetBytes(path.ToLowerInvariant()));
        AppendPart(sha, Encoding.UTF8.GetBytes(query));
        AppendPart(sha, body);
        return new IdempotentRequest(sha.GetHashAndReset());
    }

    /// <summary>Reads the whole body (buffered, so whoever comes next reads it again from the start).</summary>
    public static async Task<IdempotentRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        return From(request.Method, request.PathBase.Add(request.Path).Value ?? "", request.QueryString.Value ?? "", body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    /// <summary>AES-256-GCM under this request's own key, the fingerprint bound in: <c>base64(nonce ‖ tag ‖ ciphertext)</c>.</summary>
    public string Seal(ReadOnlySpan<byte> answer)
    {
        var sealedAnswer = new byte[NonceSize + TagSize + answer.Length];
        var nonce = sealedAnswer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealKey, TagSize);
        aes.Encrypt(nonce, answer, sealedAnswer.AsSpan(NonceSize + TagSize), sealedAnswer.AsSpan(NonceSize, TagSize), Encoding.ASCII.GetBytes(Fingerprint));
        return Convert.ToBase64String(sealedAnswer);
    }

    /// <summary>The answer sealed by <see cref="Seal"/> for this same request; null when it was sealed for another or altered.</summary>
    public byte[]? Open(string sealedAnswer)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedAnswer);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var answer = new byte[bytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_sealKey, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), answer, Encoding.ASCII.GetBytes(Fingerprint));
            return answer;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static void AppendPart(IncrementalHash sha, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(length, part.Length);
        sha.AppendData(length);
        sha.AppendData(part);
    }
}
