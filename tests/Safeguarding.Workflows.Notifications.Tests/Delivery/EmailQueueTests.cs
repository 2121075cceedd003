using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Notifications.Rendering;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

public sealed class EmailQueueTests
{
    [Fact]
    public async Task Puts_the_message_on_the_prefixed_queue_as_base64_json()
    {
        var storage = TestStorage.NewNames();
        var queue = new EmailQueue(storage, NullLogger<EmailQueue>.Instance);

        await queue.EnqueueAsync(Messages.Notice(invite: Messages.Invite(sequence: 3)), CancellationToken.None);

        Assert.EndsWith("-email", storage.Queue);
        var message = Assert.Single((await storage.Queues.GetQueueClient(storage.Queue).PeekMessagesAsync(10)).Value);
        using var json = JsonDocument.Parse(Convert.FromBase64String(message.Body.ToString()));
        var email = json.RootElement.GetProperty("email");
        Assert.Equal("solihull/rapid-review/rr-1/test-notice", email.GetProperty("id").GetString());
        Assert.Equal("test/notice", email.GetProperty("template").GetString());
        Assert.Equal("RR-2026-014", email.GetProperty("values").GetProperty("reference").GetString());
        Assert.Equal(3, email.GetProperty("invite").GetProperty("sequence").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Round_trips_every_field_of_the_message()
    {
        var original = Messages.Notice(invite: Messages.Invite(sequence: 2, Domain.Processes.InviteMethod.Cancel));
        var body = new QueuedEmail(original, 4, "HTTP 503").Encode();

        var decoded = Assert.Single(QueuedEmail.DecodeAll(BinaryData.FromString(body)));

        Assert.Equal(original.Id, decoded.Email.Id);
        Assert.Equal(original.To, decoded.Email.To);
        Assert.Equal(original.Values, decoded.Email.Values);
        Assert.Equal(original.Invite, decoded.Email.Invite);
        Assert.Equal(original.CreatedAt, decoded.Email.CreatedAt);
        Assert.Equal((4, "HTTP 503"), (decoded.Attempts, decoded.LastError));
        // A client that already decoded base64 hands over plain JSON: that reads too.
        Assert.Equal(original.Id, Assert.Single(QueuedEmail.DecodeAll(BinaryData.FromBytes(Convert.FromBase64String(body)))).Email.Id);
    }

    [Fact]
    public void A_pack_reads_back_as_its_emails_and_a_single_message_is_unchanged()
    {
        var first = new QueuedEmail(Messages.Notice("solihull/rapid-review/rr-1/a"));
        var second = new QueuedEmail(Messages.Notice("solihull/rapid-review/rr-2/b"), 2, "HTTP 429");

        var pack = QueuedEmail.DecodeAll(BinaryData.FromString(QueuedEmail.EncodePack([first.ToJson(), second.ToJson()])));

        Assert.Equal(["solihull/rapid-review/rr-1/a", "solihull/rapid-review/rr-2/b"], pack.Select(e => e.Email.Id));
        Assert.Equal((2, "HTTP 429"), (pack[1].Attempts, pack[1].LastError));
        Assert.Equal(first.Encode(), QueuedEmail.EncodePack([first.ToJson()]));
        Assert.Throws<JsonException>(() => QueuedEmail.DecodeAll(BinaryData.FromString("[]")));
        Assert.Throws<JsonException>(() => QueuedEmail.DecodeAll(BinaryData.FromString("{\"attempts\":1}")));
    }

    [Fact]
    public async Task Emails_handed_over_while_a_put_is_under_way_share_messages_that_fit_the_queue()
    {
        var storage = TestStorage.NewNames();
        var queue = new EmailQueue(storage, NullLogger<EmailQueue>.Instance);
        var note = new string('x', 4_000);
        var emails = Enumerable.Range(0, 60)
            .Select(i => Messages.Notice($"solihull/rapid-review/rr-{i}/test-notice", values: new Dictionary<string, string>(Messages.Notice().Values) { ["note"] = note }))
            .ToList();

        await Task.WhenAll(emails.Select(e => queue.EnqueueAsync(e, CancellationToken.None)));

        var client = storage.Queues.GetQueueClient(storage.Queue);
        var bodies = (await client.ReceiveMessagesAsync(32)).Value.Select(m => m.Body).ToList();
        Assert.InRange(bodies.Count, 6, 30); // about 4 KB each: at most a dozen to a message
        Assert.All(bodies, b => Assert.InRange(b.ToString().Length, 1, 64 * 1024));
        Assert.Equal(emails.Select(e => e.Id).Order(), bodies.SelectMany(b => QueuedEmail.DecodeAll(b)).Select(e => e.Email.Id).Order());
        Assert.Equal(60, queue.Pending);
    }

    [Theory]
    [InlineData("childName")]
    [InlineData("child_name")]
    [InlineData("dateOfBirth")]
    [InlineData("DOB")]
    [InlineData("nhsNumber")]
    [InlineData("NHS-number")]
    [InlineData("address")]
    public async Task Refuses_a_value_that_could_identify_a_child_and_queues_nothing(string key)
    {
        var storage = TestStorage.NewNames();
        var queue = new EmailQueue(storage, NullLogger<EmailQueue>.Instance);
        var values = new Dictionary<string, string>(Messages.Notice().Values) { [key] = "Amelia Thornbury" };

        var refused = await Assert.ThrowsAsync<EmailContentException>(() => queue.EnqueueAsync(Messages.Notice(values: values), CancellationToken.None));

        Assert.Contains(key, refused.Message);
        Assert.DoesNotContain("Amelia", refused.Message);
        Assert.Equal(0, queue.Pending);
        Assert.False(await storage.Queues.GetQueueClient(storage.Queue).ExistsAsync());
    }

    [Fact]
    public async Task Is_idle_at_once_when_nothing_was_enqueued()
    {
        var queue = new EmailQueue(TestStorage.NewNames(), NullLogger<EmailQueue>.Instance);

        Assert.True(await queue.WaitUntilIdleAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Is_not_idle_while_a_message_waits_for_a_worker()
    {
        var queue = new EmailQueue(TestStorage.NewNames(), NullLogger<EmailQueue>.Instance);
        await queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);
        await queue.EnqueueAsync(Messages.Notice(), CancellationToken.None);

        Assert.False(await queue.WaitUntilIdleAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, queue.Pending);

        queue.Done("solihull/rapid-review/rr-1/test-notice");
        Assert.False(await queue.WaitUntilIdleAsync(TimeSpan.FromMilliseconds(50)));
        var waiting = queue.WaitUntilIdleAsync(TimeSpan.FromSeconds(10));
        queue.Done("solihull/rapid-review/rr-1/test-notice");
        Assert.True(await waiting);

        queue.Done("solihull/rapid-review/rr-1/test-notice"); // a copy from elsewhere changes nothing
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public void Storage_names_are_prefixed_and_the_prefix_is_checked()
    {
        var names = EmailStorageNames.FromConnectionString(TestStorage.ConnectionString, "sgw");

        Assert.Equal(("sgw-outbox", "sgw-email", "sgw-email-poison", "sgwemailsent", "sgwemailfailed", "sgwemailevents"),
            (names.OutboxContainer, names.Queue, names.PoisonQueue, names.SentTable, names.FailedTable, names.CalendarEventsTable));
        Assert.Throws<ArgumentException>(() => EmailStorageNames.FromConnectionString(TestStorage.ConnectionString, "Sgw"));
        Assert.Throws<ArgumentException>(() => EmailStorageNames.FromConnectionString(TestStorage.ConnectionString, "s-g"));
        Assert.Throws<ArgumentException>(() => EmailStorageNames.FromConnectionString(TestStorage.ConnectionString, ""));
    }
}
