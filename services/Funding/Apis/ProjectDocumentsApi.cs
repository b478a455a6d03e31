using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Domain.Projects;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Funding.Apis;

public sealed record ProjectDocumentResponse(Guid Id, Guid ProjectId, ProjectStage Stage, string StageName, string FileName, string ContentType, long Bytes,
    string Sha256, DateTimeOffset UploadedAt);

/// <summary>
/// The files behind a project's stages (项目文件): uploaded by finance (multipart field <c>file</c>, the stage they support),
/// kept sealed like every upload in the hub, listed with the project and downloaded by whoever may read the project.
/// </summary>
public static class ProjectDocumentsApi
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    public static IEndpointRouteBuilder MapProjectDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/projects/{id:guid}/documents").WithTags("Purchase projects")
            .RequireAuthorization(policy => policy.RequireRole(ProjectsApi.Readers));
        group.MapGet("/", ListDocuments).WithName("ListProjectDocuments").WithSummary("The project's files, newest first");
        group.MapGet("/{documentId:guid}", DownloadDocument).Produces<byte[]>(StatusCodes.Status200OK).WithName("DownloadProjectDocument")
            .WithSummary("A project's file as it was uploaded");
        group.MapPost("/", UploadDocument).DisableAntiforgery()
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(BudgetsApi.Treasurers))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).WithName("UploadProjectDocument")
            .WithSummary("Upload a file for a stage (multipart field 'file'; query stage=Initiated|MidTermReviewed|Rectifying|Accepted|Closed, fileName): pdf, Word, Excel, jpg or png up to 10 MB");
        return app;
    }

    public static async Task<Results<Ok<List<ProjectDocumentResponse>>, NotFound>> ListDocuments(Guid id, FundingDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.PurchaseProjects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var documents = await db.ProjectDocuments.AsNoTracking().Where(d => d.ProjectId == id).OrderByDescending(d => d.UploadedAt)
            .Select(d => new { d.Id, d.ProjectId, d.Stage, d.FileName, d.ContentType, d.Bytes, d.Sha256, d.UploadedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(documents.ConvertAll(d =>
            new ProjectDocumentResponse(d.Id, d.ProjectId, d.Stage, PurchaseProject.StageName(d.Stage), d.FileName, d.ContentType, d.Bytes, d.Sha256, d.UploadedAt)));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadDocument(
        Guid id, Guid documentId, FundingDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken) =>
        await db.ProjectDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ProjectId == id, cancellationToken) is { } document
            ? TypedResults.File(protector.Unprotect(document.Sealed, ProjectDocument.Purpose(document.Id)), document.ContentType, document.FileName)
            : TypedResults.NotFound();

    public static async Task<Results<Created<ProjectDocumentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UploadDocument(
        Guid id, string? stage, string? fileName, HttpRequest request, FundingDbContext db, PersonalDataProtector protector, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!await db.PurchaseProjects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + (1 << 20);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.TryParse<ProjectStage>(stage, ignoreCase: false, out var supported) || supported == ProjectStage.Proposed || !Enum.IsDefined(supported))
        {
            errors["stage"] = ["请选择文件所属的阶段：Initiated（立项）、MidTermReviewed（中期评估）、Rectifying（整改）、Accepted（验收）或 Closed（结项）。"];
        }

        IFormFile? file = null;
        if (!request.HasFormContentType)
        {
            errors["file"] = ["请在表单字段 file 中上传文件。"];
        }
        else
        {
            try
            {
                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes, ValueLengthLimit = 4096 }, cancellationToken);
                file = form.Files.GetFile("file");
            }
            catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件不能超过 10 MB。");
            }

            if (file is null || file.Length == 0)
            {
                errors["file"] = ["请在表单字段 file 中上传文件（不能为空）。"];
            }
            else if (file.Length > MaxBytes)
            {
                errors["file"] = ["文件不能超过 10 MB。"];
            }
        }

        var name = Path.GetFileName((fileName ?? file?.FileName ?? "").Trim());
        if (file is not null && (name.Length is 0 or > 200 || !ContentTypes.ContainsKey(Path.GetExtension(name))))
        {
            errors["fileName"] = ["文件名不超过 200 字，且须为 pdf、doc、docx、xls、xlsx、jpg 或 png 文件。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "项目文件有误");
        }

        byte[] content;
        await using (var stream = file!.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var documentId = Guid.CreateVersion7(time.GetUtcNow());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var document = ProjectDocument.Upload(documentId, id, supported, name, ContentTypes[Path.GetExtension(name)], content.LongLength, sha256,
            protector.Protect(content, ProjectDocument.Purpose(documentId)), user.Id, time.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ProjectDocuments.Add(document);
        // The file's name may name people; the audit chain keeps its id, stage, size and hash.
        await AuditTrail.AppendAsync(db, time, user.Id, "project.document", $"project:{id}",
            $"document={documentId}; stage={supported}; bytes={content.LongLength}; sha256={sha256}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/funding/projects/{id}/documents/{documentId}",
            new ProjectDocumentResponse(documentId, id, supported, PurchaseProject.StageName(supported), name, document.ContentType, document.Bytes, sha256,
                document.UploadedAt));
    }
}
