using System.Text.Json;
using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// How process state is written: System.Text.Json, camelCase, enums as camelCase strings. Records, immutable
/// collections and <see cref="DateOnly"/> work out of the box, so domain records need no storage attributes and the
/// stored state reads plainly in Storage Explorer.
/// </summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
