using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.UnitTests.Security;

public sealed class PersonalDataProtectorTests
{
    private const string Purpose = "household-member.id-number";
    private static readonly string OldKey = PersonalDataProtector.NewKey();
    private static readonly string NewKey = PersonalDataProtector.NewKey();
    private static readonly string IndexKey = PersonalDataProtector.NewKey();

    private static PersonalDataProtector Protector(string active = "2026b") => new(Options.Create(new PersonalDataOptions
    {
        Keys = new() { ["2026a"] = OldKey, ["2026b"] = NewKey },
        ActiveKey = active,
        IndexKey = IndexKey,
    }));

    [Fact]
    public void A_protected_value_opens_again_but_its_stored_form_hides_it()
    {
        var stored = Protector().Protect("341525195001010019", Purpose);

        Assert.DoesNotContain("341525", stored, StringComparison.Ordinal);
        Assert.Equal("341525195001010019", Protector().Unprotect(stored, Purpose));
    }

    [Fact]
    public void The_same_value_encrypts_differently_every_time()
    {
        var protector = Protector();

        Assert.NotEqual(protector.Protect("341525195001010019", Purpose), protector.Protect("341525195001010019", Purpose));
    }

    [Fact]
    public void Values_written_under_a_retired_key_still_open_after_rotation()
    {
        var stored = Protector(active: "2026a").Protect("341525195001010019", Purpose);

        Assert.StartsWith("v1.2026a.", stored, StringComparison.Ordinal);
        Assert.Equal("341525195001010019", Protector(active: "2026b").Unprotect(stored, Purpose));
    }

    [Fact]
    public void A_value_moved_to_another_column_or_tampered_with_does_not_open()
    {
        var protector = Protector();
        var stored = protector.Protect("341525195001010019", Purpose);
        var bytes = Convert.FromBase64String(stored.Split('.')[2]);
        bytes[^1] ^= 1;
        var tampered = $"v1.2026b.{Convert.ToBase64String(bytes)}";

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(stored, "household-member.phone"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, Purpose));
    }

    [Fact]
    public void The_blind_index_finds_equal_values_and_only_them()
    {
        var protector = Protector();

        Assert.Equal(protector.BlindIndex("341525195001010019", Purpose), Protector(active: "2026a").BlindIndex("341525195001010019", Purpose));
        Assert.NotEqual(protector.BlindIndex("341525195001010019", Purpose), protector.BlindIndex("341525195001010027", Purpose));
        Assert.DoesNotContain("341525", protector.BlindIndex("341525195001010019", Purpose), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_chunk_opens_again_under_a_retired_key_and_only_for_its_own_purpose()
    {
        var chunk = System.Text.Encoding.UTF8.GetBytes("户编号,身份证号,姓名\nR1,341525195001010019,张三\n");
        var stored = Protector(active: "2026a").Protect(chunk, "import.file:job-1:0");

        Assert.Equal("v1.2026a."u8.ToArray(), stored[..9]);
        Assert.Equal(-1, stored.AsSpan().IndexOf("341525"u8));
        Assert.Equal(chunk, Protector(active: "2026b").Unprotect(stored, "import.file:job-1:0"));
        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect(stored, "import.file:job-1:1"));
        stored[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect(stored, "import.file:job-1:0"));
        Assert.ThrowsAny<CryptographicException>(() => Protector().Unprotect(chunk, "import.file:job-1:0"));
    }

    [Fact]
    public void Without_keys_the_protector_refuses_to_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(Options.Create(new PersonalDataOptions())));

        Assert.Contains("PersonalData:ActiveKey", ex.Message, StringComparison.Ordinal);
    }
}
