using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Safeguarding.Workflows.Host.Tests.Operations;

/// <summary>
/// An operator filters and alerts on log event ids, so each id means one thing across the whole service. Each assembly
/// keeps its own range (docs/decisions/one-shape-for-process-kinds.md lists them).
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Service =
    [
        typeof(Program).Assembly,
        typeof(Orchestration.Deadlines.ProcessEngine).Assembly,
        typeof(Notifications.Sending.Outbox.Outbox).Assembly,
        typeof(Storage.TableKeys).Assembly,
    ];

    [Fact]
    public void Every_log_event_id_in_the_service_is_used_once()
    {
        var ids = Service
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(ids.Count > 40, $"Only {ids.Count} log messages were found: is the attribute still read?");
        var reused = ids.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(reused.Count == 0, "Log event ids used twice: " + string.Join("; ", reused));
    }
}
