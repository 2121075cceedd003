using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// What travels on the delivery queue: the message plus how many sending attempts have failed so far and why.
/// Written as JSON, then base64 (the encoding Azure Storage queue tools expect). A queue message holds one such object,
/// or a JSON array of several when <see cref="EmailQueue"/> handed them over together (a pack; see its remarks).
/// </summary>
internal sealed record QueuedEmail(OutgoingEmail Email, int Attempts = 0, string? LastError = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public string Encode() => Convert.ToBase64String(ToJson());

    /// <summary>One queue message body for several emails already written with <see cref="ToJson"/>: a JSON array, base64.</summary>
    public static string EncodePack(IReadOnlyList<byte[]> emails)
    {
        if (emails.Count == 1)
        {
            return Convert.ToBase64String(emails[0]);
        }

        using var json = new MemoryStream();
        json.WriteByte((byte)'[');
        for (var i = 0; i < emails.Count; i++)
        {
            if (i > 0)
            {
                json.WriteByte((byte)',');
            }

            json.Write(emails[i]);
        }

        json.WriteByte((byte)']');
        return Convert.ToBase64String(json.GetBuffer(), 0, (int)json.Length);
    }

    /// <summary>
    /// Reads a queue message body: one email or a pack of several. Accepts plain JSON too, for messages put there by
    /// hand or by a client that decoded base64 already.
    /// </summary>
    public static IReadOnlyList<QueuedEmail> DecodeAll(BinaryData body)
    {
        var text = body.ToString().Trim();
        var json = text.StartsWith('{') || text.StartsWith('[') ? Encoding.UTF8.GetBytes(text) : Convert.FromBase64String(text);
        var emails = json.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'[', ..]
            ? JsonSerializer.Deserialize<List<QueuedEmail>>(json, Json)
            : [JsonSerializer.Deserialize<QueuedEmail>(json, Json)!];
        return emails is { Count: > 0 } && emails.All(e => e?.Email is not null)
            ? emails
            : throw new JsonException("The queue message holds no email.");
    }
}
