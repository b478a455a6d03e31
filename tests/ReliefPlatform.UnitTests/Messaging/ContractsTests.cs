using System.Text.RegularExpressions;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.UnitTests.Messaging;

public sealed partial class ContractsTests
{
    private static readonly Type[] Events = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToArray();

    public static TheoryData<Type> EventTypes => [.. Events];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Integration_events_carry_no_field_that_could_hold_personal_data(Type eventType)
    {
        var suspicious = eventType.GetProperties().Select(p => p.Name).Where(n => PersonalField().IsMatch(n)).ToList();

        Assert.Empty(suspicious);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Integration_events_are_immutable_records_named_in_the_past_tense(Type eventType)
    {
        Assert.True(eventType.GetMethod("<Clone>$") is not null, $"{eventType.Name} is not a record");
        Assert.All(eventType.GetProperties(), p => Assert.False(p.SetMethod?.IsPublic == true && !IsInitOnly(p.SetMethod), $"{p.Name} has a public setter"));
        Assert.Matches("(ed|Due|Sent|Made|Paid|Held)$", eventType.Name);
    }

    [Fact]
    public void Township_events_say_which_township_they_belong_to()
    {
        Assert.Contains(Events, t => typeof(ITownshipEvent).IsAssignableFrom(t));
    }

    private static bool IsInitOnly(System.Reflection.MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    [GeneratedRegex("Name|IdNumber|IdCard|Phone|Mobile|Address|Health|Diagnosis|Illness|Disability|Income|Birth", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalField();
}
