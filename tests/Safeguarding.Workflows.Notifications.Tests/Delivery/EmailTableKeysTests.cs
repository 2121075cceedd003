using Azure.Data.Tables;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

/// <summary>The email tables are keyed with Storage's TableKeys; rows the previous release keyed by percent-encoding are still found.</summary>
public sealed class EmailTableKeysTests
{
    private const string Id = "staffordshire/rapid-review/rr-2026-014/panel-notification-missed";

    [Fact]
    public async Task A_message_recorded_as_sent_by_the_previous_release_is_not_sent_again()
    {
        await using var harness = new DeliveryHarness();
        var table = harness.Storage.Tables.GetTableClient(harness.Storage.SentTable);
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity(Uri.EscapeDataString(Id), "sent") { ["SentAt"] = DateTimeOffset.UtcNow });

        Assert.True(await harness.Sent.ContainsAsync(Id, CancellationToken.None));
        Assert.False(await harness.Sent.ContainsAsync(Id + "-2", CancellationToken.None));
    }

    [Fact]
    public async Task New_rows_use_the_storage_escaping_and_read_back()
    {
        await using var harness = new DeliveryHarness();
        var table = harness.Storage.Tables.GetTableClient(harness.Storage.SentTable);
        await table.CreateIfNotExistsAsync();

        await harness.Sent.RecordAsync(Id, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(await harness.Sent.ContainsAsync(Id, CancellationToken.None));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(Storage.TableKeys.Escape(Id), "sent")).HasValue);
        Assert.DoesNotContain('%', Storage.TableKeys.Escape(Id));
    }

    [Theory]
    [InlineData("a/b~c")]
    [InlineData("staffordshire/meeting/board-2027-02/circulation")]
    public void A_key_of_either_release_gives_back_its_id(string id)
    {
        Assert.Equal(id, EmailTableKeys.IdOf(EmailTableKeys.Of(id)));
        if (!id.Contains('~'))
        {
            Assert.Equal(id, EmailTableKeys.IdOf(Uri.EscapeDataString(id)));
        }
    }
}
