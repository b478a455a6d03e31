using Microsoft.AspNetCore.Http;

namespace ReliefPlatform.Security.Idempotency;

/// <summary>What became of a request whose <c>Idempotency-Key</c> was seen before.</summary>
public enum IdempotencyVerdict
{
    /// <summary>The same caller sent the same request to the same operation: it gets the first answer again.</summary>
    Replay,

    /// <summary>Another caller, another operation or another request: the key is taken — 422, never a silent answer.</summary>
    KeyUsedElsewhere,
}

/// <summary>
/// One rule for <c>Idempotency-Key</c>, kept by the services (with the effect, in its transaction) and by the gateway
/// (in Redis, per caller): a key belongs to the caller, the operation and the request it first came with.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>Marks an answer served again from a stored first answer.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// Set by a service on the answers of operations whose keys it keeps itself (with the effect); the gateway then keeps
    /// nothing of its own for that key and leaves every later use of it to the service, which runs its walls first.
    /// </summary>
    public const string KeptByServiceHeader = "Idempotency-Key-Kept";

    public const string UsedElsewhereTitle = "幂等键已用于其他请求";

    public const string UsedElsewhereDetail = "此幂等键（Idempotency-Key）已用于另一请求，本次未做任何处理。重试同一请求请原样发送；新的请求请使用新的幂等键。";

    public static IdempotencyVerdict Judge(
        string storedCaller, string storedOperation, string storedFingerprint, string caller, string operation, IdempotentRequest request) =>
        string.Equals(storedCaller, caller, StringComparison.Ordinal)
        && string.Equals(storedOperation, operation, StringComparison.Ordinal)
        && string.Equals(storedFingerprint, request.Fingerprint, StringComparison.Ordinal)
            ? IdempotencyVerdict.Replay
            : IdempotencyVerdict.KeyUsedElsewhere;

    /// <summary>The 422 problem+json for a key used elsewhere.</summary>
    public static IResult UsedElsewhere() =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: UsedElsewhereTitle, detail: UsedElsewhereDetail);

    /// <summary>Only successful answers are kept: a refused or failed request leaves its key unused.</summary>
    public static bool IsKept(int statusCode) => statusCode is >= 200 and < 300;
}
