using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Delivery;

/// <summary>
/// What travels on the delivery queue: the message plus how many sending attempts have failed so far and why.
/// Written as JSON, then base64 (the encoding Azure Storage queue tools expect).
/// </summary>
internal sealed record QueuedEmail(OutgoingEmail Email, int Attempts = 0, string? LastError = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Reads a queue message body; accepts plain JSON too, for messages put there by hand or by a client that decoded base64 already.</summary>
    public static QueuedEmail Decode(BinaryData body)
    {
        var text = body.ToString().Trim();
        var json = text.StartsWith('{') ? Encoding.UTF8.GetBytes(text) : Convert.FromBase64String(text);
        return JsonSerializer.Deserialize<QueuedEmail>(json, Json) ?? throw new JsonException("The queue message is empty.");
    }
}
