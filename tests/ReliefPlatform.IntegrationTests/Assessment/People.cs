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

    /// <summary>An ID number of a woman (an even 17th digit) or a man (an odd one), as GB 11643 codes sex.</summary>
    public static string IdNumber(int age, bool female)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var birth = today.AddYears(-age).AddDays(-Random.Shared.Next(1, 300));
        var sequence = Interlocked.Increment(ref _sequence) % 1000;
        if ((sequence % 2 == 0) != female)
        {
            sequence = (sequence + 1) % 1000;
        }

        return ReliefPlatform.Security.PersonalData.IdNumber.Compose("341525", birth, sequence);
    }

    public static object Member(string name, string idNumber, string relationship = "户主", bool? hasEffectiveGuardian = null) =>
        new { name, idNumber, relationship, hasEffectiveGuardian };
}
