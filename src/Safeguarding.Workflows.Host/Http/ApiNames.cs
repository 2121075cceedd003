using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>The stable lower-case names the API uses for domain enums.</summary>
public static class ApiNames
{
    public static string Status(ProcessStatus status) => status.ToString().ToLowerInvariant();

    public static string State(DeadlineState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string value, out ProcessStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && value.All(char.IsLetter);
}
