using System.Net;
using System.Net.Http.Json;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>The staff pages offer only what the escalation allows now, and a step not allowed is not there at all.</summary>
public sealed class EscalationPagesTests
{
    [Fact]
    public async Task A_formal_notice_is_neither_offered_nor_reachable_before_the_last_stage()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        var raised = await api.PutOk("esc-pages", Raise());
        var reference = raised.GetProperty("reference").GetString()!;
        var page = $"/partnerships/{Partnership}/escalations/esc-pages";

        var atFirst = await api.Client.GetStringAsync(page);
        Assert.Contains($">{reference}</h1>", atFirst, StringComparison.Ordinal);
        Assert.Contains("id=\"action-escalate\"", atFirst, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-formal-notice\"", atFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/formal-notice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/record/requirement-met")).StatusCode);
        Assert.Contains(reference, await api.Client.GetStringAsync($"/partnerships/{Partnership}/escalations"), StringComparison.Ordinal);

        for (var stage = 2; stage <= 4; stage++)
        {
            var moved = await api.Client.PostAsJsonAsync(Path("esc-pages", "/events"), new { type = "escalated", on = "2026-01-05", stage });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var atLast = await api.Client.GetStringAsync(page);
        Assert.DoesNotContain("id=\"action-escalate\"", atLast, StringComparison.Ordinal);
        Assert.Contains("id=\"action-formal-notice\"", atLast, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/record/escalate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"{page}/formal-notice")).StatusCode);
    }
}
