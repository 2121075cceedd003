using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Notifications.Sending.Graph;

/// <summary>
/// Keeps the sending mailbox's Outlook calendar in step with the invitations: creates the event for a new invitation
/// Uid, updates it for a higher sequence, cancels it (<c>/events/{id}/cancel</c>) for a cancellation. The Outlook event
/// id of each Uid is kept in <c>{prefix}emailevents</c>, so a retried message updates rather than duplicates.
/// </summary>
/// <remarks>
/// The event carries no attendees: the recipients get the attached <c>invite.ics</c>, and Outlook would otherwise send
/// them a second invitation of its own.
/// </remarks>
public sealed class GraphCalendar(GraphServiceClient graph, EmailStorageNames storage, IOptions<EmailOptions> options, TimeProvider time, ILogger<GraphCalendar> logger)
{
    private const string Row = "event";
    private readonly TableClient table = storage.Tables.GetTableClient(storage.CalendarEventsTable);
    private readonly string mailbox = options.Value.Graph.Mailbox ?? throw new InvalidOperationException("Email:Graph:Mailbox is not set.");

    public async Task SyncAsync(CalendarInvite invite, string subject, CancellationToken cancellationToken)
    {
        var known = await FindAsync(invite.Uid, cancellationToken);
        if (invite.Method == InviteMethod.Cancel)
        {
            if (known is null || known.GetBoolean("Cancelled") == true)
            {
                return;
            }

            var eventId = known.GetString("EventId");
            try
            {
                await GraphErrors.TranslateAsync(
                    () => graph.Users[mailbox].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = subject }, cancellationToken: cancellationToken),
                    "cancel event", time, cancellationToken);
            }
            catch (EmailDeliveryException e) when (e.StatusCode == 404)
            {
                // Someone already deleted it in Outlook: it is gone either way.
            }

            await SaveAsync(invite, eventId!, cancelled: true, cancellationToken);
            Log.CalendarSynced(logger, invite.Uid, "cancelled", invite.Sequence);
            return;
        }

        if (known is not null && known.GetBoolean("Cancelled") != true && known.GetInt32("Sequence") >= invite.Sequence)
        {
            return; // An older or repeated update: the calendar already shows this or something newer.
        }

        var calendarEvent = ToEvent(invite, subject);
        if (known is not null && known.GetBoolean("Cancelled") != true)
        {
            var eventId = known.GetString("EventId");
            try
            {
                await GraphErrors.TranslateAsync(() => graph.Users[mailbox].Events[eventId].PatchAsync(calendarEvent, cancellationToken: cancellationToken), "update event", time, cancellationToken);
                await SaveAsync(invite, eventId!, cancelled: false, cancellationToken);
                Log.CalendarSynced(logger, invite.Uid, "updated", invite.Sequence);
                return;
            }
            catch (EmailDeliveryException e) when (e.StatusCode == 404)
            {
                // Deleted in Outlook: create it again below.
            }
        }

        // The transaction id makes Graph ignore a repeated create (a retry after a lost answer).
        calendarEvent.TransactionId = TransactionId(invite);
        var created = await GraphErrors.TranslateAsync(() => graph.Users[mailbox].Events.PostAsync(calendarEvent, cancellationToken: cancellationToken), "create event", time, cancellationToken);
        await SaveAsync(invite, created?.Id ?? throw new EmailDeliveryException("Graph created an event without an id.", null), cancelled: false, cancellationToken);
        Log.CalendarSynced(logger, invite.Uid, "created", invite.Sequence);
    }

    internal static Event ToEvent(CalendarInvite invite, string subject) => new()
    {
        Subject = invite.Title,
        Start = Utc(invite.StartsAt),
        End = Utc(invite.EndsAt),
        Location = invite.Location is null ? null : new Location { DisplayName = invite.Location },
        Body = new ItemBody { ContentType = BodyType.Text, Content = subject },
    };

    private static DateTimeTimeZone Utc(DateTimeOffset instant) =>
        new() { DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" };

    private static string TransactionId(CalendarInvite invite) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{invite.Uid}#{invite.Sequence}")))[..32];

    private async Task<TableEntity?> FindAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var key in EmailTableKeys.ToRead(uid))
            {
                var entity = await table.GetEntityIfExistsAsync<TableEntity>(key, Row, cancellationToken: cancellationToken);
                if (entity.HasValue)
                {
                    return entity.Value;
                }
            }

            return null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task SaveAsync(CalendarInvite invite, string eventId, bool cancelled, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(EmailTableKeys.Of(invite.Uid), Row) { ["EventId"] = eventId, ["Sequence"] = invite.Sequence, ["Cancelled"] = cancelled };
        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }
}
