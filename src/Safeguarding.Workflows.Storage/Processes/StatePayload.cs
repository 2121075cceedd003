using System.Text;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// A process's state (UTF-8 JSON) inside its table row: up to 32 000 bytes as one readable string property
/// <c>Json</c>, so it reads plainly in Storage Explorer; up to <see cref="MaxBytes"/> split over binary properties
/// <c>Data00</c>..<c>Data13</c> of 64 KiB each (inside the 1 MiB entity limit). Documents are stored apart
/// (<c>DocumentStore</c>), so a process's own state stays far below that.
/// </summary>
public static class StatePayload
{
    public const int MaxStringBytes = 32_000;
    public const int PartBytes = 64 * 1024;
    public const int MaxParts = 14;
    public const int MaxBytes = MaxParts * PartBytes;

    private const string JsonProperty = "Json";
    private const string PartsProperty = "DataParts";

    public static void Write(TableEntity entity, ReadOnlySpan<byte> payload, string what)
    {
        if (payload.Length <= MaxStringBytes)
        {
            entity[JsonProperty] = Encoding.UTF8.GetString(payload);
            return;
        }

        if (payload.Length > MaxBytes)
        {
            throw new InvalidOperationException($"The state of {what} is {payload.Length} bytes; at most {MaxBytes} fit in its table row.");
        }

        var parts = 0;
        for (var offset = 0; offset < payload.Length; offset += PartBytes, parts++)
        {
            entity[PartName(parts)] = payload.Slice(offset, Math.Min(PartBytes, payload.Length - offset)).ToArray();
        }

        entity[PartsProperty] = parts;
    }

    public static byte[]? Read(TableEntity entity)
    {
        if (entity.GetString(JsonProperty) is { } json)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        if (entity.GetInt32(PartsProperty) is not { } parts)
        {
            return null;
        }

        using var buffer = new MemoryStream(parts * PartBytes);
        for (var i = 0; i < parts; i++)
        {
            buffer.Write(entity.GetBinary(PartName(i)));
        }

        return buffer.ToArray();
    }

    private static string PartName(int index) => $"Data{index:D2}";
}
