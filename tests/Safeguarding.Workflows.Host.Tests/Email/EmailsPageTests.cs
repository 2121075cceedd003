using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Tests.Security;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Host.Tests.Email;

/// <summary>
/// <c>/partnerships/{p}/emails</c> and one email as sent: the partnership's business unit sees its own emails, sent
/// and failed, filtered by process; nobody else's, and nobody but the business unit.
/// </summary>
public sealed class EmailsPageTests : IAsyncLifetime
{
    private readonly SecureService service = new();

    public async Task InitializeAsync()
    {
        var queue = service.Services.GetRequiredService<EmailQueue>();
        await queue.EnqueueAsync(TestEmails.Outgoing("staffordshire/rapid-review/rr-own/request", "test/notice", "RR-OWN-1"), CancellationToken.None);
        await queue.EnqueueAsync(TestEmails.Outgoing("staffordshire/meeting/m-own/papers", "test/notice", "M-OWN-2"), CancellationToken.None);
        await queue.EnqueueAsync(TestEmails.Outgoing("staffordshire/rapid-review/rr-own/unwritten", "meetings/not-yet-written", "RR-OWN-3"), CancellationToken.None);
        await queue.EnqueueAsync(TestEmails.Outgoing("solihull/rapid-review/rr-theirs/request", "test/notice", "RR-THEIRS-4"), CancellationToken.None);
        Assert.True(await queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(30)), "Email delivery did not settle.");
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task The_business_unit_sees_its_partnerships_emails_sent_and_failed_and_opens_one_as_sent()
    {
        var manager = service.WithApiKey(SecureService.CountyKey);

        var list = await manager.GetStringAsync("/partnerships/staffordshire/emails");
        Assert.Contains("RR-OWN-1", list, StringComparison.Ordinal);
        Assert.Contains("M-OWN-2", list, StringComparison.Ordinal);
        Assert.Contains("id=\"failed-emails\"", list, StringComparison.Ordinal);
        Assert.Contains("Rapid review rr-own", list, StringComparison.Ordinal);
        Assert.DoesNotContain("THEIRS", list, StringComparison.Ordinal);

        var forOneProcess = await manager.GetStringAsync("/partnerships/staffordshire/emails?process=rr-own");
        Assert.Contains("RR-OWN-1", forOneProcess, StringComparison.Ordinal);
        Assert.DoesNotContain("M-OWN-2", forOneProcess, StringComparison.Ordinal);

        var one = await manager.GetStringAsync("/partnerships/staffordshire/emails/staffordshire/rapid-review/rr-own/request");
        Assert.Contains("Email as sent", one, StringComparison.Ordinal);
        Assert.Contains("lead@staffordshire.example", one, StringComparison.Ordinal);
        Assert.Contains("Please check the form.", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partnerships_email_is_not_found_and_other_roles_are_refused()
    {
        var manager = service.WithApiKey(SecureService.CountyKey);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/partnerships/staffordshire/emails/solihull/rapid-review/rr-theirs/request")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/partnerships/solihull/emails")).StatusCode);

        var scrutineer = service.As("scrutineer@staffordshire.example", "scrutineer:staffordshire");
        Assert.Equal(HttpStatusCode.Forbidden, (await scrutineer.GetAsync("/partnerships/staffordshire/emails")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scrutineer.GetAsync("/partnerships/staffordshire/emails/staffordshire/rapid-review/rr-own/request")).StatusCode);
        Assert.DoesNotContain("process-emails", await scrutineer.GetStringAsync("/partnerships/staffordshire"), StringComparison.Ordinal);
    }
}
