using ReliefPlatform.Portal.Hub;

namespace ReliefPlatform.UnitTests.Portal;

public sealed class ApiProblemTests
{
    [Fact]
    public void A_refusal_whose_extension_shadows_the_status_keeps_the_APIs_message()
    {
        // As Funding refuses a statement's approval: the HTTP status, then the statement's state under the same name.
        var problem = ApiProblem.Read("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"编制结算单的人不能审批自己的结算单，须由另一人审批。","status":409,"status":"Draft","held":0}""");

        Assert.NotNull(problem);
        Assert.Equal("编制结算单的人不能审批自己的结算单，须由另一人审批。", problem.Title);
        Assert.Equal(409, problem.Status);
    }

    [Fact]
    public void Field_messages_are_read_by_field()
    {
        var problem = ApiProblem.Read("""{"title":"结算单信息有误","status":400,"errors":{"contractId":["请指定已登记的购买服务合同。"],"month":["请填写结算月份（yyyy-MM，不晚于本月）。"]}}""");

        Assert.Equal("请指定已登记的购买服务合同。", problem!.For("ContractId"));
        Assert.Equal("请填写结算月份（yyyy-MM，不晚于本月）。", problem.For("month"));
    }

    [Fact]
    public void An_answer_that_is_not_a_problem_is_none() => Assert.Null(ApiProblem.Read("<html>bad gateway</html>"));
}
