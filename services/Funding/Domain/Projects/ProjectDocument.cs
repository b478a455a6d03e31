namespace ReliefPlatform.Funding.Domain.Projects;

/// <summary>
/// A file behind a project's stage (立项批复、中期评估报告、验收材料 …), uploaded by the county's finance staff. Its content is
/// kept sealed (encrypted, bound to this document's id) like every other upload in the hub; its name, size and SHA-256 are
/// what the lists show.
/// </summary>
public sealed class ProjectDocument
{
    private ProjectDocument()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>The stage the document supports (the one being proposed, or the one the project is in).</summary>
    public ProjectStage Stage { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Bytes { get; private set; }

    public string Sha256 { get; private set; } = "";

    /// <summary>The content, sealed with the purpose <see cref="Purpose"/>.</summary>
    public byte[] Sealed { get; private set; } = [];

    public string UploadedBy { get; private set; } = "";

    public DateTimeOffset UploadedAt { get; private set; }

    public static string Purpose(Guid id) => $"project-document:{id}";

    public static ProjectDocument Upload(Guid id, Guid projectId, ProjectStage stage, string fileName, string contentType, long bytes, string sha256,
        byte[] sealedContent, string by, DateTimeOffset at) => new()
    {
        Id = id,
        ProjectId = projectId,
        Stage = stage,
        FileName = fileName,
        ContentType = contentType,
        Bytes = bytes,
        Sha256 = sha256,
        Sealed = sealedContent,
        UploadedBy = by,
        UploadedAt = at,
    };
}
