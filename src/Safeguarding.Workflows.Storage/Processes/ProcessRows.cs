using System.Globalization;
using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// The layout of table <c>{prefix}processes</c>, where everything a process commits lives in its partnership's
/// partition, so that one entity-group transaction saves it all (docs/decisions/process-start-cost.md):
/// <list type="table">
/// <item><term><c>p|{kind/id}</c></term><description>the process row: its state (JSON) and the index columns the lists filter on;</description></item>
/// <item><term><c>a|{kind/id}|{ticks}-{sequence}</c></term><description>its audit log, one row per timeline entry, in time order;</description></item>
/// <item><term><c>w|{ticks}|{kind/id}</c></term><description>its next wake, at most one row, so "what is due by now" is a range read.</description></item>
/// </list>
/// The parts are escaped with <see cref="TableKeys"/>, which never produces <c>|</c>, so the three kinds never mix.
/// </summary>
public static class ProcessRows
{
    private const string ProcessTag = "p|";
    private const string AuditTag = "a|";
    private const string WakeTag = "w|";

    public static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");

    public static string Process(ProcessKey key) => Process(key.Kind, key.Id);

    public static string Process(string kind, string id) => ProcessTag + TableKeys.Key($"{kind}/{id}", "process kind and id");

    public static string AuditPrefix(ProcessKey key) => AuditTag + TableKeys.Key($"{key.Kind}/{key.Id}", "process kind and id") + TableKeys.Separator;

    public static string Audit(ProcessKey key, long sequence, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix(key)}{at.UtcTicks:D19}-{sequence:D19}");
    }

    public static string Wake(DateTimeOffset at, ProcessKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{WakeTag}{at.UtcTicks:D19}{TableKeys.Separator}") + TableKeys.Key($"{key.Kind}/{key.Id}", "process kind and id");

    /// <summary>The instant of a wake row, to the tick.</summary>
    public static DateTimeOffset WakeInstant(string wakeRowKey) =>
        new(long.Parse(wakeRowKey.AsSpan(WakeTag.Length, 19), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>The instant of an audit row, to the tick.</summary>
    public static DateTimeOffset AuditInstant(string auditRowKey) =>
        new(long.Parse(auditRowKey.AsSpan(auditRowKey.Length - 39, 19), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Process rows only, optionally of one kind (a range inside the partition).</summary>
    public static string ProcessRange(string? kind = null) =>
        Range(string.IsNullOrEmpty(kind) ? ProcessTag : ProcessTag + TableKeys.Escape(kind + "/"));

    public static string AuditRange(ProcessKey key) => Range(AuditPrefix(key));

    /// <summary>Wake rows due at or before <paramref name="atOrBefore"/>, in time order.</summary>
    public static string WakesDueRange(DateTimeOffset atOrBefore)
    {
        var upper = string.Create(CultureInfo.InvariantCulture, $"{WakeTag}{atOrBefore.UtcTicks + 1:D19}");
        return TableClient.CreateQueryFilter($"RowKey ge {WakeTag} and RowKey lt {upper}");
    }

    /// <summary>RowKey starts with <paramref name="prefix"/>: a range scan, since escaping is per character.</summary>
    private static string Range(string prefix)
    {
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {upper}");
    }
}
