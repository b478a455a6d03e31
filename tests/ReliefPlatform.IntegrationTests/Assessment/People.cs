using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>Fresh, valid ID numbers for each test, so tests never share a person.</summary>
internal static class People
{
    private static int _sequence = Random.Shared.Next(0, 500);

    public static string IdNumber(int age = 45)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var birth = today.AddYears(-age).AddDays(-Random.Shared.Next(1, 300));
        return ReliefPlatform.Security.PersonalData.IdNumber.Compose("341525", birth, Interlocked.Increment(ref _sequence) % 1000);
    }

    public static object Member(string name, string idNumber, string relationship = "户主", bool? hasEffectiveGuardian = null) =>
        new { name, idNumber, relationship, hasEffectiveGuardian };
}
