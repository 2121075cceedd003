using System.Net.Http.Json;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>An email as <c>GET /api/outbox</c> lists it, reduced to what the scenarios check.</summary>
public sealed record SentEmail(DateTimeOffset SentAt, string Kind, IReadOnlyList<string> To, string Subject, string Body)
{
    public static async Task<List<SentEmail>> ForAsync(HttpClient client, string processId)
    {
        var entries = await client.GetFromJsonAsync<List<JsonElement>>($"/api/outbox?processId={Uri.EscapeDataString(processId)}");
        return [.. entries!
            .Select(e => new SentEmail(
                e.GetProperty("sentAt").GetDateTimeOffset(),
                e.GetProperty("kind").GetString()!,
                [.. e.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)],
                e.GetProperty("subject").GetString()!,
                e.GetProperty("body").GetString()!))
            .OrderBy(e => e.SentAt).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => string.Join(',', e.To), StringComparer.Ordinal)];
    }

    /// <summary>(sent at, template, recipients) for comparing with an expected table.</summary>
    public (DateTimeOffset, string, string) Row => (SentAt.ToUniversalTime(), Kind, string.Join(',', To));
}
