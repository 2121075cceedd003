using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests;

public class AuditHistoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimelineEntry Started = new(At, "started", "officer@partnership.example", "");
    private static readonly TimelineEntry Missed = new(At.AddDays(5), "deadline-missed", Actors.System, "panel-notification");

    [Fact]
    public void Adding_entries_after_the_saved_ones_is_allowed()
    {
        Assert.True(AuditHistory.OnlyAppends([Started], [Started, Missed]));
        Assert.True(AuditHistory.OnlyAppends([], [Started]));
        Assert.True(AuditHistory.OnlyAppends([Started], [Started]));
    }

    [Fact]
    public void An_equal_copy_of_a_saved_entry_counts_as_unchanged()
    {
        // State read back from storage holds copies, not the same objects.
        Assert.True(AuditHistory.OnlyAppends([Started], [Started with { }, Missed]));
    }

    [Fact]
    public void Dropping_altering_or_reordering_saved_entries_is_refused()
    {
        Assert.False(AuditHistory.OnlyAppends([Started, Missed], [Started]));
        Assert.False(AuditHistory.OnlyAppends([Started, Missed], [Started, Missed with { Detail = "rewritten" }]));
        Assert.False(AuditHistory.OnlyAppends([Started, Missed], [Missed, Started]));
        Assert.False(AuditHistory.OnlyAppends([Started], [Missed, Started]));
    }
}
