using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Security.Authorization;

/// <summary>
/// Where people sign in: the county's one public origin (section <c>SignIn</c>, setting <c>SignIn:PublicOrigin</c>, e.g.
/// <c>https://jiuzhu.huoshan.gov.cn</c>) — the gateway as browsers and outside clients reach it. It is the issuer of
/// every token and the origin of every endpoint in the discovery document. Inside the county's network the services
/// fetch Identity's metadata and keys from <see cref="IdentityAddress"/>, but accept only the public issuer.
/// </summary>
public sealed class SignInOrigin
{
    public const string Section = "SignIn";

    /// <summary>Identity's address on the county's internal network (its service-discovery name).</summary>
    public static readonly Uri IdentityAddress = new($"http://{ResourceNames.Identity}/");

    /// <summary>The gateway's public origin: <c>https://…</c>; <c>http://</c> only in Development or on a loopback host.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>The issuer every token carries: the public origin with a trailing slash. Refuses a missing or unsafe setting.</summary>
    public static Uri Issuer(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{Section}:{nameof(PublicOrigin)}"];
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var origin) || origin.Scheme is not ("https" or "http")
            || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0 || origin.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(PublicOrigin)} must be the gateway's public origin, e.g. https://relief.example.gov.cn (got '{configured}').");
        }

        if (origin.Scheme == "http" && !environment.IsDevelopment() && !origin.IsLoopback)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(PublicOrigin)} must use https outside Development (a loopback address excepted); got '{configured}'.");
        }

        return new Uri(origin.GetLeftPart(UriPartial.Authority) + "/");
    }
}
