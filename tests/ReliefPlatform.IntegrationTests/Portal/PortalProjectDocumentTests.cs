using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Portal;

/// <summary>
/// A project's files on its page, in Debian's Chromium through the gateway: finance uploads the approval document for the
/// stage being proposed (a file of a kind the API refuses is refused beside the field), it is listed under that stage and
/// named on the stage proposal, downloaded through the portal byte for byte, kept encrypted in Funding's database, and
/// readable by the project's readers only.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PortalProjectDocumentTests(CountyAppFixture county) : PortalBrowserTests(county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task Finance_uploads_a_stage_document_that_downloads_unchanged_and_is_stored_encrypted()
    {
        var code = $"PD-{Guid.NewGuid():N}"[..12];
        var id = await PurchaseProjects.ProposeAsync(County, code, Foziling);
        // A small PDF with a marker that would show in the database if the file were kept as it came.
        var marker = $"RELIEF-DOC-{Guid.NewGuid():N}";
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var (context, finance) = await OpenAsync();
        await finance.SignInAsync("finance", CountyAppFixture.DemoPassword);
        await finance.OpenAsync($"/projects/{id}");
        var upload = finance.Page.GetByTestId("document-upload");
        await Assertions.Expect(finance.Page.Locator("#document-stage")).ToHaveValueAsync("Initiated");

        // A program is not a project document: the API's message beside the file, nothing stored.
        await finance.Page.Locator("#document-file").SetInputFilesAsync(new FilePayload { Name = "setup.exe", MimeType = "application/octet-stream", Buffer = [0x4d, 0x5a, 0x90, 0x00] });
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传文件" }).ClickAsync();
        await Assertions.Expect(finance.Page.Locator("#document-file-error")).ToHaveTextAsync("文件名不超过 200 字，且须为 pdf、doc、docx、xls、xlsx、jpg 或 png 文件。");

        await finance.Page.Locator("#document-file").SetInputFilesAsync(new FilePayload { Name = "立项批复.pdf", MimeType = "application/pdf", Buffer = pdf });
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传文件" }).ClickAsync();
        var row = finance.Page.Locator("[data-testid=project-documents] tr", new() { HasText = "立项批复.pdf" });
        await Assertions.Expect(row).ToContainTextAsync("立项");
        await finance.AssertAccessibleAsync();

        var reader = await County.ClientForAsync("supervisor");
        var listed = Assert.Single((await reader.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{id}/documents")).EnumerateArray());
        Assert.Equal(("Initiated", "立项批复.pdf", (long)pdf.Length), (listed.GetProperty("stage").GetString(), listed.GetProperty("fileName").GetString(), listed.GetProperty("bytes").GetInt64()));
        var document = listed.GetProperty("id").GetGuid();

        // Through the portal's link, the file comes back byte for byte under its own name.
        var href = await row.GetByRole(AriaRole.Link, new() { Name = "立项批复.pdf" }).GetAttributeAsync("href");
        var downloaded = await context.APIRequest.GetAsync(finance.Url(href!));
        Assert.Equal(200, downloaded.Status);
        Assert.Equal(pdf, await downloaded.BodyAsync());
        Assert.Equal("application/pdf", downloaded.Headers["content-type"]);
        Assert.Contains("attachment", downloaded.Headers["content-disposition"], StringComparison.Ordinal);

        // The project's readers read it; a township's staff do not.
        Assert.Equal(pdf, await reader.GetByteArrayAsync($"/api/funding/projects/{id}/documents/{document}"));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await (await County.ClientForAsync("township-foziling")).GetAsync($"/api/funding/projects/{id}/documents/{document}")).StatusCode);

        // At rest the file is sealed: neither its marker nor its bytes are in Funding's database; the audit entry names no file.
        await using var db = new NpgsqlConnection(await County.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Funding)));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Sealed\" FROM project_documents WHERE \"Id\" = @id", db);
        command.Parameters.AddWithValue("id", document);
        var stored = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.True(stored.Length > pdf.Length, "the sealed file carries its nonce and tag");
        Assert.DoesNotContain(marker, Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        var audit = (await reader.GetFromJsonAsync<JsonElement>($"/api/funding/audit?subject=project:{id}")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "project.document");
        Assert.DoesNotContain("立项批复", audit.GetRawText(), StringComparison.Ordinal);
        await context.DisposeAsync();
    }
}
