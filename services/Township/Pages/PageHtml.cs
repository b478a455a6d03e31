using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;

namespace ReliefPlatform.Township.Pages;

/// <summary>The township pages' HTML: one layout, encoded text, links under the path the page was reached by.</summary>
internal static class PageHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        :root{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:18px;color:#1d2a33;background:#f4f6f8}
        body{margin:0}header{background:#b22222;color:#fff;padding:.8rem 1.2rem;display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
        header a,header button{color:#fff}main{padding:1rem 1.2rem;max-width:1100px;margin:auto}
        h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin-top:1.6rem}
        table{width:100%;border-collapse:collapse;background:#fff}th,td{padding:.6rem;border-bottom:1px solid #dde3e8;text-align:left;vertical-align:top}
        a.button,button{display:inline-block;min-height:44px;padding:.5rem 1rem;border-radius:6px;border:0;background:#1f6feb;color:#fff;font-size:1rem;text-decoration:none;cursor:pointer}
        header button{background:transparent;border:1px solid #fff}
        .overdue{color:#b22222;font-weight:bold}.notice{background:#fff8dc;border-left:4px solid #d4a017;padding:.7rem 1rem;margin:1rem 0}
        .ok{background:#e9f7ef;border-left-color:#2e8b57}.conflict{background:#fdecea;border-left-color:#b22222}
        label{display:block;margin:.9rem 0 .3rem;font-weight:bold}input,select,textarea{font-size:1rem;padding:.5rem;width:100%;max-width:36rem;box-sizing:border-box}
        textarea{min-height:7rem}.choices label{display:inline-block;font-weight:normal;margin-right:1.2rem}.choices input{width:auto;min-height:28px;min-width:28px}
        .error{color:#b22222;margin:.2rem 0}.muted{color:#5b6770}
        """;

    public static string E(string? text) => Encoder.Encode(text ?? "");

    /// <summary>A link to another page, under the prefix this one was reached by (directly or through the gateway).</summary>
    public static string Url(HttpContext context, string page) => $"{context.Request.PathBase}/pages/{page}";

    public static IResult Page(HttpContext context, string title, string townshipName, string? userName, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · ").Append(E(townshipName)).Append("社会救助服务中心</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><div><strong>").Append(E(townshipName)).Append("社会救助服务中心</strong></div>");
        if (userName is not null)
        {
            html.Append("<nav><a href=\"").Append(Url(context, "")).Append("\">工作台</a> · ").Append(E(userName)).Append(' ')
                .Append("<form method=\"post\" action=\"").Append(Url(context, "logout")).Append("\" style=\"display:inline\">")
                .Append(Antiforgery(context)).Append("<button type=\"submit\">退出</button></form></nav>");
        }

        html.Append("</header><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static string Errors(IDictionary<string, string[]>? errors, string field) =>
        errors is not null && errors.TryGetValue(field, out var messages) ? string.Concat(messages.Select(m => $"<p class=\"error\" role=\"alert\">{E(m)}</p>")) : "";

    public static string Table(string[] headings, IEnumerable<string[]> rows, string empty)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return $"<p class=\"muted\">{E(empty)}</p>";
        }

        var html = new StringBuilder("<table><thead><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th>").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            // Cells arrive encoded (they may hold links and buttons).
            html.Append("<tr>").Append(string.Concat(row.Select(cell => $"<td>{cell}</td>"))).Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
