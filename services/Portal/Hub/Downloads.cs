using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ReliefPlatform.Portal.SignIn;

namespace ReliefPlatform.Portal.Hub;

/// <summary>
/// The files the hub's APIs make (the needs ledger, the catalogue, the month's KPI report, an import's refused rows, an import profile's blank template, a donation's receipt, a project's files), fetched as the signed-in
/// user and handed to the browser as a plain link: a link cannot carry the Authorization header the APIs need, and the
/// portal keeps the user's token on the server. The API's walls and audit apply as for any other call by this user.
/// </summary>
internal static partial class Downloads
{
    public const string Prefix = "/files";

    /// <summary>The portal's link for an API file (its path and query), e.g. <c>/files/api/assessment/ledger/export?format=xlsx</c>.</summary>
    public static string Link(string apiPathAndQuery) => Prefix + apiPathAndQuery;

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/{**path}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        string path, HttpContext http, SessionTokens tokens, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var apiPath = "/" + path;
        // Only the hub's files: the portal is not a relay to every API.
        if (!IsFile(apiPath))
        {
            return Results.NotFound();
        }

        var token = await tokens.AccessTokenAsync(http.User, cancellationToken);
        if (token is null)
        {
            return Results.Challenge();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, apiPath + http.Request.QueryString);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await clients.CreateClient(nameof(HubClient)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        http.Response.RegisterForDispose(response);

        // A refusal comes back as the API gave it (problem+json, in Chinese); a file keeps its name and type.
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        if (response.Content.Headers.ContentDisposition is { } disposition)
        {
            http.Response.Headers.ContentDisposition = disposition.ToString();
        }

        // A printable page (a donation's receipt) keeps the API's content security policy: its own style and nothing else.
        if (response.Headers.TryGetValues("Content-Security-Policy", out var policy))
        {
            http.Response.Headers.ContentSecurityPolicy = string.Join(", ", policy);
        }

        http.Response.Headers.CacheControl = "no-store";
        await response.Content.CopyToAsync(http.Response.Body, cancellationToken);
        return Results.Empty;
    }

    /// <summary>Whether an API path is one of the hub's files the portal hands to browsers.</summary>
    internal static bool IsFile(string apiPath) => Files().IsMatch(apiPath);

    [GeneratedRegex(@"^/api/(assessment/ledger/export|assessment/imports/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/errors|assessment/import-profiles/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/template|catalogue/versions/[0-9]{1,6}/(export|print)|funding/kpis/report|funding/projects/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/documents/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|funding/donations/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/receipt)$")]
    private static partial Regex Files();
}
