using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using ReliefPlatform.Security.Idempotency;

namespace ReliefPlatform.UnitTests.Security;

public sealed class IdempotentRequestTests
{
    private const string Path = "/api/delivery/complaints";
    private static readonly byte[] Body = """{"householdId":"7d3c0a51-1b7e-4c36-9d55-0d3f2a1b9e10","category":"Fees","description":"被要求额外付费"}"""u8.ToArray();

    private static IdempotentRequest Complaint(string method = "POST", string path = Path, string query = "", byte[]? body = null) =>
        IdempotentRequest.From(method, path, query, body ?? Body);

    [Fact]
    public void The_same_request_sent_again_has_the_same_fingerprint()
    {
        var first = Complaint();
        var again = IdempotentRequest.From("post", Path, "", Body.ToArray());

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.Equal(64, first.Fingerprint.Length);
    }

    [Fact]
    public void The_fingerprint_is_derived_from_the_SHA256_of_method_path_query_and_body_each_length_prefixed()
    {
        static byte[] Part(byte[] bytes)
        {
            var length = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(length, bytes.Length);
            return [.. length, .. bytes];
        }

        var digest = SHA256.HashData([.. Part("POST"u8.ToArray()), .. Part(Encoding.UTF8.GetBytes(Path)), .. Part("?x=1"u8.ToArray()), .. Part(Body)]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(digest, "relief.idempotency.fingerprint.v1"u8));

        Assert.Equal(expected, Complaint(query: "?x=1").Fingerprint);
    }

    public static TheoryData<string, string, string, string> OtherRequests => new()
    {
        { "another method", "PUT", Path, "" },
        { "another path (another household's route value)", "POST", "/api/assessment/households/5b0f/visits", "" },
        { "another query", "POST", Path, "?dryRun=true" },
        { "a part moved from the path into the query", "POST", "/api/delivery", "/complaints" },
    };

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public void Any_other_method_path_or_query_is_another_request(string what, string method, string path, string query)
    {
        Assert.False(Complaint().Fingerprint == Complaint(method, path, query).Fingerprint, $"{what} gave the same fingerprint");
    }

    [Fact]
    public void One_byte_more_or_different_in_the_body_is_another_request()
    {
        var reordered = """{"category":"Fees","householdId":"7d3c0a51-1b7e-4c36-9d55-0d3f2a1b9e10","description":"被要求额外付费"}"""u8.ToArray();

        Assert.NotEqual(Complaint().Fingerprint, Complaint(body: [.. Body, (byte)' ']).Fingerprint);
        Assert.NotEqual(Complaint().Fingerprint, Complaint(body: reordered).Fingerprint);
        Assert.NotEqual(Complaint().Fingerprint, Complaint(body: []).Fingerprint);
    }

    [Fact]
    public void The_path_is_matched_as_routing_matches_it_without_regard_to_case()
    {
        Assert.Equal(Complaint().Fingerprint, Complaint(path: Path.ToUpperInvariant()).Fingerprint);
    }

    [Fact]
    public void A_stored_answer_opens_only_for_the_very_request_that_produced_it()
    {
        var answer = """{"id":"0b6f","description":"被要求额外付费"}"""u8.ToArray();
        var sealedAnswer = Complaint().Seal(answer);

        Assert.Equal(answer, Complaint().Open(sealedAnswer));
        Assert.Null(Complaint(body: [.. Body, (byte)' ']).Open(sealedAnswer));
        Assert.Null(Complaint(query: "?x=1").Open(sealedAnswer));
        var stored = Convert.FromBase64String(sealedAnswer);
        Assert.DoesNotContain("被要求额外付费", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        stored[^1] ^= 1;
        Assert.Null(Complaint().Open(Convert.ToBase64String(stored)));
        Assert.Null(Complaint().Open("not base64 at all"));
    }

    [Fact]
    public async Task Reading_the_body_for_the_fingerprint_leaves_it_for_the_endpoint_to_read_from_the_start()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = Path;
        http.Request.Body = new MemoryStream(Body);

        var read = await IdempotentRequest.ReadAsync(http.Request, CancellationToken.None);

        Assert.Equal(Complaint().Fingerprint, read.Fingerprint);
        using var again = new MemoryStream();
        await http.Request.Body.CopyToAsync(again);
        Assert.Equal(Body, again.ToArray());
    }

    [Fact]
    public void Only_the_same_caller_with_the_same_request_to_the_same_operation_is_replayed()
    {
        var request = Complaint();
        const string caller = "7c1e-township-staff";

        Assert.Equal(IdempotencyVerdict.Replay, IdempotencyKeys.Judge(caller, "TakeComplaint", request.Fingerprint, caller, "TakeComplaint", request));
        Assert.Equal(IdempotencyVerdict.KeyUsedElsewhere, IdempotencyKeys.Judge(caller, "TakeComplaint", request.Fingerprint, "another-user", "TakeComplaint", request));
        Assert.Equal(IdempotencyVerdict.KeyUsedElsewhere, IdempotencyKeys.Judge(caller, "ConfirmWorkOrder", request.Fingerprint, caller, "TakeComplaint", request));
        Assert.Equal(IdempotencyVerdict.KeyUsedElsewhere,
            IdempotencyKeys.Judge(caller, "TakeComplaint", Complaint(body: [.. Body, (byte)' ']).Fingerprint, caller, "TakeComplaint", request));
        // A key recorded before keys were bound to their request: no caller, no fingerprint — it matches nobody.
        Assert.Equal(IdempotencyVerdict.KeyUsedElsewhere, IdempotencyKeys.Judge("", "TakeComplaint", "", caller, "TakeComplaint", request));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(202, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(422, false)]
    [InlineData(500, false)]
    public void Only_a_successful_answer_uses_up_its_key(int status, bool kept)
    {
        Assert.Equal(kept, IdempotencyKeys.IsKept(status));
    }
}
