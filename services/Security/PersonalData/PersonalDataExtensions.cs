using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReliefPlatform.Security.PersonalData;

public static class PersonalDataExtensions
{
    /// <summary>The protector for a service that stores personal data; its keys must be configured, or start-up fails.</summary>
    public static IHostApplicationBuilder AddPersonalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section);
        builder.Services.AddSingleton<PersonalDataProtector>();
        return builder;
    }
}
