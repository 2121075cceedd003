using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>
/// Reads a report's steps in either shape: today's <see cref="ScheduledStep{TAction}"/>, or the shape saved before
/// issue 24 (<c>{id, action, at, doneAt, skipped}</c>, without target or date), which is planned afresh from its action
/// and instant and keeps its <c>doneAt</c> (a skipped step was marked done, so it stays done). Writes today's shape.
/// </summary>
public sealed class AnnualReportStepsJson : JsonConverter<ImmutableList<ScheduledStep<AnnualReportAction>>>
{
    public override ImmutableList<ScheduledStep<AnnualReportAction>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var steps = ImmutableList.CreateBuilder<ScheduledStep<AnnualReportAction>>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            steps.Add(Property(element, "target") is null
                ? AnnualReport.StepFor(Read<AnnualReportAction>(element, "action", options), Read<DateTimeOffset>(element, "at", options))
                    with { DoneAt = Property(element, "doneAt")?.Deserialize<DateTimeOffset?>(options) }
                : element.Deserialize<ScheduledStep<AnnualReportAction>>(options)!);
        }

        return steps.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableList<ScheduledStep<AnnualReportAction>> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options); // the converter is the property's, not the type's: no recursion

    private static T Read<T>(JsonElement step, string name, JsonSerializerOptions options) =>
        Property(step, name) is { } value ? value.Deserialize<T>(options)! : throw new JsonException($"A saved annual report step has no '{name}'.");

    // Case-insensitive: storage writes camelCase, and grain calls may not.
    private static JsonElement? Property(JsonElement step, string name) =>
        step.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
