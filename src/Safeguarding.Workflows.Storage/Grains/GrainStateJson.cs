using System.Text.Json;
using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Storage.Grains;

/// <summary>
/// How grain state is written: System.Text.Json, camelCase, enums as camelCase strings. Records, immutable
/// collections and <see cref="DateOnly"/> work out of the box, so domain records need no Orleans attributes and the
/// stored state reads plainly in Storage Explorer.
/// </summary>
public static class GrainStateJson
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
