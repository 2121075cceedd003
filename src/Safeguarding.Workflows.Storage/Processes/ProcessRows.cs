using Azure.Data.Tables;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// Where a process lives: table <c>{prefix}processes</c>, PartitionKey = the escaped partnership id, RowKey =
/// <c>p|{escaped kind/id}</c>. The one row holds the state (with its timeline, which is the audit log), the index
/// columns the lists filter on, and the next wake, so one single-entity write saves a whole change
/// (docs/decisions/process-start-cost.md).
/// </summary>
public static class ProcessRows
{
    private const string ProcessTag = "p|";

    public static string Partition(string partnershipId) => TableKeys.Key(partnershipId, "partnership id");

    public static string Process(ProcessKey key) => Process(key.Kind, key.Id);

    public static string Process(string kind, string id) => ProcessTag + TableKeys.Key($"{kind}/{id}", "process kind and id");

    /// <summary>Process rows only, optionally of one kind: a RowKey range, since escaping is per character.</summary>
    public static string ProcessRange(string? kind = null)
    {
        var prefix = string.IsNullOrEmpty(kind) ? ProcessTag : ProcessTag + TableKeys.Escape(kind + "/");
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {upper}");
    }
}
