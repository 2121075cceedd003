namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>One thing wrong in a partnership file: the field (a JSON path such as <c>timescales.notesWithinWorkingDays</c>) and what is wrong.</summary>
public sealed record ConfigurationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// A partnership file that cannot be used. The service refuses to start with one, because every deadline of that
/// partnership would be counted from it.
/// </summary>
public sealed class PartnershipConfigurationException(string file, IReadOnlyList<ConfigurationProblem> problems, Exception? inner = null)
    : Exception($"Partnership file '{file}' is not valid: {string.Join("; ", problems)}", inner)
{
    /// <summary>The file name as given to the parser.</summary>
    public string File { get; } = file;

    public IReadOnlyList<ConfigurationProblem> Problems { get; } = problems;

    /// <summary>The first field named, for callers that show one.</summary>
    public string Field => Problems.Count > 0 ? Problems[0].Field : string.Empty;
}
