using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests;

public sealed class DeadlineTests
{
    private static readonly DateTimeOffset DueAt = new(2026, 12, 1, 23, 59, 59, TimeSpan.Zero);
    private static readonly Deadline Pending = new("panel-notification", new DateOnly(2026, 12, 1), DueAt);

    [Fact]
    public void Completed_on_time_is_met()
    {
        var done = Pending.CompletedAt(DueAt);
        Assert.Equal(DeadlineState.Met, done.State);
        Assert.Equal(DueAt, done.MetAt);
    }

    [Fact]
    public void Completed_late_is_missed_but_no_longer_overdue()
    {
        var done = Pending.CheckedAt(DueAt.AddSeconds(1)).CompletedAt(DueAt.AddDays(2));
        Assert.Equal(DeadlineState.Missed, done.State);
        Assert.False(done.IsOverdue);
        Assert.Equal(DueAt.AddDays(2), done.MetAt);
    }

    [Fact]
    public void Checking_before_or_at_the_due_instant_leaves_it_pending()
    {
        Assert.Equal(DeadlineState.Pending, Pending.CheckedAt(DueAt).State);
        Assert.True(Pending.CheckedAt(DueAt.AddTicks(1)).IsOverdue);
    }

    [Fact]
    public void Waived_and_met_deadlines_do_not_change()
    {
        var waived = Pending with { State = DeadlineState.Waived };
        Assert.Equal(waived, waived.CheckedAt(DueAt.AddDays(9)).CompletedAt(DueAt.AddDays(9)));
        var met = Pending.CompletedAt(DueAt);
        Assert.Equal(met, met.CompletedAt(DueAt.AddDays(1)));
    }
}
