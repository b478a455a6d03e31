using Microsoft.AspNetCore.Builder;

namespace ReliefPlatform.ServiceDefaults.OpenApi;

/// <summary>Marks an endpoint that accepts an <c>Idempotency-Key</c> header, so its document says so and lists the 422 a misused key gets.</summary>
public sealed class IdempotencyKeyMetadata
{
    public const string Header = "Idempotency-Key";

    public static readonly IdempotencyKeyMetadata Instance = new();

    private IdempotencyKeyMetadata()
    {
    }
}

public static class IdempotencyKeyDocumentation
{
    /// <summary>Documents the <c>Idempotency-Key</c> header of an endpoint that honours it (with its 400 and 422 answers).</summary>
    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotencyKeyMetadata.Instance);
}
