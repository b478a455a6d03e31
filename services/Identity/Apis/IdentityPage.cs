using System.Net;

namespace ReliefPlatform.Identity.Apis;

/// <summary>The shell of Identity's own pages (sign-in, activation, authenticator): zh-CN, small, no scripts.</summary>
internal static class IdentityPage
{
    public static IResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) => Results.Content($$"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{Encode(title)}} · 霍山县服务类社会救助平台</title>
        <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1f1f1f}
        label{display:block;margin:.8rem 0 .2rem}input{box-sizing:border-box;width:100%;padding:.6rem;font-size:1rem}
        button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem;background:#1677ff;color:#fff;border:0;border-radius:4px}
        .error{color:#b00020}.hint{color:#555;font-size:.9rem}code{font-size:1.1rem;letter-spacing:.08em;word-break:break-all}
        img.qr{display:block;margin:1rem auto;width:12rem;height:12rem;image-rendering:pixelated}</style></head>
        <body><h1>霍山县服务类社会救助平台</h1><h2>{{Encode(title)}}</h2>
        {{body}}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: statusCode);

    public static string Error(string? message) => message is null ? "" : $"<p class=\"error\" role=\"alert\">{Encode(message)}</p>";

    public static string Errors(IEnumerable<string> messages) =>
        string.Concat(messages.Select(m => $"<p class=\"error\" role=\"alert\">{Encode(m)}</p>"));

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
