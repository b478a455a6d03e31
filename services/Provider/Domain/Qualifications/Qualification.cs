namespace ReliefPlatform.Provider.Domain.Qualifications;

/// <summary>
/// A certificate or licence a provider holds (社工证, 养老护理员证, 健康证 …) with its validity. The certificate
/// number identifies a person, so it is stored encrypted and shown masked.
/// </summary>
public sealed class Qualification
{
    private Qualification()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string Type { get; private set; } = "";

    public string ProtectedNumber { get; private set; } = "";

    public string NumberMasked { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The training certificate (培养队伍) this qualification was earned as, when a provider's staff member earned it on a course.</summary>
    public Guid? TrainingCertificateId { get; private set; }

    public static Qualification Record(
        Guid providerId, string type, string protectedNumber, string numberMasked, DateOnly validFrom, DateOnly validUntil, DateTimeOffset at,
        Guid? trainingCertificateId = null) =>
        new()
        {
            Id = Guid.CreateVersion7(at),
            ProviderId = providerId,
            Type = type,
            ProtectedNumber = protectedNumber,
            NumberMasked = numberMasked,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            RecordedAt = at,
            TrainingCertificateId = trainingCertificateId,
        };

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && day <= ValidUntil;

    /// <summary>Valid today but ending within the warning window (30 days by default).</summary>
    public bool ExpiresSoon(DateOnly today, int warningDays) => IsValidOn(today) && ValidUntil < today.AddDays(warningDays);
}
