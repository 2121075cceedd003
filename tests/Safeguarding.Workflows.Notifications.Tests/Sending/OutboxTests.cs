using Microsoft.Extensions.Time.Testing;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Notifications.Sending.Outbox;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Safeguarding.Workflows.Notifications.Tests.Sending;

/// <summary>The Outbox provider against Azurite: what it stores and how <c>GET /api/outbox</c> filters it.</summary>
public sealed class OutboxTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly EmailStorageNames storage = TestStorage.NewNames();
    private readonly EmailRenderer renderer = new(EmailTemplates.Embedded, MsOptions.Create(new EmailOptions()));

    private async Task<Outbox> SendAsync(params OutgoingEmail[] emails)
    {
        var outbox = new Outbox(storage);
        var sender = new OutboxSender(outbox, time);
        foreach (var email in emails)
        {
            await sender.SendAsync(renderer.Render(email), CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(5));
        }

        return outbox;
    }

    [Fact]
    public async Task Stores_each_message_as_a_blob_in_the_prefixed_container()
    {
        await SendAsync(Messages.Notice());

        var container = storage.Blobs.GetBlobContainerClient(storage.OutboxContainer);
        Assert.EndsWith("-outbox", storage.OutboxContainer);
        var blob = Assert.Single(await ToListAsync(container.GetBlobsAsync()));
        Assert.Equal("solihull%2Frapid-review%2Frr-1%2Ftest-notice.json", blob.Name);
    }

    [Fact]
    public async Task Lists_what_was_sent_with_the_api_fields_newest_last()
    {
        var outbox = await SendAsync(
            Messages.Notice(id: "m/first"),
            Messages.Notice(id: "m/second", to: "chair@partnership.example"));

        var entries = await outbox.ListAsync(new OutboxQuery(), CancellationToken.None);

        Assert.Equal(["m/first", "m/second"], entries.Select(e => e.Id));
        var first = entries[0];
        Assert.Equal(["lead@agency.example"], first.To);
        Assert.Equal("Solihull Safeguarding Children Partnership: test notice RR-2026-014", first.Subject);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), first.SentAt);
        Assert.Equal("rr-1", first.ProcessId);
        Assert.Equal("solihull/rapid-review/rr-1", first.ProcessKey);
        Assert.Equal("test/notice", first.Kind);
        Assert.Contains("This is a test notice for RR-2026-014.", first.Body);
        Assert.Contains("<strong>RR-2026-014</strong>", first.Html);
        Assert.Empty(first.Attachments);
    }

    [Fact]
    public async Task Filters_by_recipient_process_and_time()
    {
        var otherProcess = Messages.Notice(id: "other") with { ProcessKey = "solihull/meeting/m-1" };
        var outbox = await SendAsync(Messages.Notice(id: "a"), Messages.Notice(id: "b", to: "Chair@Partnership.example"), otherProcess);

        async Task<IEnumerable<string>> Ids(OutboxQuery query) => (await outbox.ListAsync(query, CancellationToken.None)).Select(e => e.Id);

        Assert.Equal(["b"], await Ids(new OutboxQuery(To: "chair@partnership.example")));
        Assert.Equal(["b"], await Ids(new OutboxQuery(To: "CHAIR@partnership.example")));
        Assert.Equal(["a", "b"], await Ids(new OutboxQuery(ProcessId: "rr-1")));
        Assert.Equal(["other"], await Ids(new OutboxQuery(ProcessId: "solihull/meeting/m-1")));
        Assert.Equal(["b", "other"], await Ids(new OutboxQuery(Since: new DateTimeOffset(2026, 12, 1, 9, 5, 0, TimeSpan.Zero))));
        Assert.Equal(["other"], await Ids(new OutboxQuery(To: "lead@agency.example", Since: new DateTimeOffset(2026, 12, 1, 9, 6, 0, TimeSpan.Zero))));
        Assert.Empty(await Ids(new OutboxQuery(To: "nobody@example.org")));
    }

    [Fact]
    public async Task Storing_the_same_message_again_keeps_one_entry()
    {
        var outbox = await SendAsync(Messages.Notice(), Messages.Notice());

        Assert.Single(await outbox.ListAsync(new OutboxQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task Keeps_the_invitation_as_text()
    {
        var outbox = await SendAsync(Messages.Notice(invite: Messages.Invite(sequence: 4, InviteMethod.Cancel)));

        var attachment = Assert.Single(Assert.Single(await outbox.ListAsync(new OutboxQuery(), CancellationToken.None)).Attachments);
        Assert.Equal("text/calendar; method=CANCEL; charset=UTF-8", attachment.ContentType);
        Assert.Contains("METHOD:CANCEL", attachment.Content);
        Assert.Contains("SEQUENCE:4", attachment.Content);
    }

    [Fact]
    public async Task An_outbox_nothing_was_sent_to_is_empty()
    {
        Assert.Empty(await new Outbox(storage).ListAsync(new OutboxQuery(), CancellationToken.None));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
