using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.AnnualReports.AnnualReportFixture;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class AnnualReportCommandTests
{
    private const string Url = "https://www.safeguardingwarwickshire.example.org/annual-report-2025-26";

    [Fact]
    public void A_resubmission_replaces_the_text_and_is_recorded()
    {
        var report = Open().State.Contribute(3, At("2026-06-01"), "first");
        var replaced = report.Contribute(3, At("2026-06-08"), "second");

        var contribution = replaced.Section(3)!.Contribution!;
        Assert.Equal(2, contribution.Version);
        Assert.Equal(2, contribution.Revisions);
        Assert.Equal(Sha("second"), contribution.Sha256);
        Assert.Equal(At("2026-06-01"), contribution.FirstReceivedAt);
        Assert.Equal(At("2026-06-08"), contribution.ReceivedAt);
        Assert.Equal([AnnualReportEvents.ContributionReceived, AnnualReportEvents.ContributionReplaced],
            replaced.Timeline.Where(t => t.Type.StartsWith("contribution-", StringComparison.Ordinal)).Select(t => t.Type));
    }

    [Fact]
    public void The_same_text_from_the_same_contributor_changes_nothing()
    {
        var report = Open().State.Contribute(3, At("2026-06-01"), "same");
        Assert.True(report.HasSameContribution(3, Contributor(), Sha("same")));
        Assert.Equal(DecisionOutcome.Unchanged, report.RecordContribution(3, Contributor(), 2, Sha("same"), 4, At("2026-06-02"), "local-user").Outcome);
        Assert.False(report.HasSameContribution(3, Contributor("Warwickshire County Council"), Sha("same")));
    }

    [Fact]
    public void When_every_section_is_in_on_time_the_contributions_deadline_is_met()
    {
        var report = Open().State.ContributeAll(At("2026-07-30"));
        var deadline = report.Deadline(AnnualReportDeadlines.Contributions);
        Assert.Equal(DeadlineState.Met, deadline.State);
        Assert.Equal(At("2026-07-30"), deadline.MetAt);
    }

    [Fact]
    public void Reminding_owners_asks_again_for_each_section_not_received_once_a_day()
    {
        var report = Open().State.ContributeAll(At("2026-06-01"), except: [2, 9]);
        var reminded = report.RemindOwners(At("2026-06-10", 11), "local-user").Changed();
        Assert.Equal([[2], [9]], reminded.Emails.Select(Sections)); // the business manager's, the local authority officer's
        Assert.All(reminded.Emails, e => Assert.Equal(AnnualReportTemplates.ContributionsReminder, e.Template));
        Assert.All(reminded.Emails, e => Assert.EndsWith("/2026-06-10", e.Id, StringComparison.Ordinal));
        Assert.Equal("Sections 2, 9 asked of their owners again.", reminded.State.Timeline[^1].Detail);

        Assert.Equal(DecisionOutcome.Unchanged, reminded.State.RemindOwners(At("2026-06-10", 15), "local-user").Outcome);
        Assert.Equal(DecisionOutcome.Changed, reminded.State.RemindOwners(At("2026-06-11", 9), "local-user").Outcome);
        Assert.Equal(DecisionOutcome.Conflict, report.Contribute(2, At("2026-06-02")).Contribute(9, At("2026-06-02")).RemindOwners(At("2026-06-10"), "local-user").Outcome);
    }

    [Fact]
    public void Compilation_needs_the_mandatory_sections_and_meets_the_draft_deadline()
    {
        var report = Open().State.Contribute(1, At("2026-07-01"));
        Assert.Equal([2], report.MissingMandatorySections.Select(s => s.Number));
        var refused = report.RecordCompilation(1, 1, At("2026-07-02"), "local-user");
        Assert.Equal(DecisionOutcome.Conflict, refused.Outcome);
        Assert.Equal("The report cannot be compiled until mandatory sections 2 have text.", refused.Message);
        Assert.Equal(refused, report.CompilationRefusal());

        report = report.Contribute(2, At("2026-07-01"));
        var compiled = report.RecordCompilation(1, 1, At("2026-07-02"), "local-user").Changed().State;
        Assert.Equal(1, compiled.Compiled!.Number);
        Assert.Equal([1, 2], compiled.Compiled.Sections);
        Assert.Equal(DeadlineState.Met, compiled.Deadline(AnnualReportDeadlines.Draft).State);
        Assert.Contains("still awaited: 3, 4", compiled.Timeline[^1].Detail, StringComparison.Ordinal);

        var again = compiled.RecordCompilation(2, 2, At("2026-07-03"), "local-user").Changed().State;
        Assert.Equal(2, again.Compiled!.Number);
        Assert.Equal(At("2026-07-02"), again.Deadline(AnnualReportDeadlines.Draft).MetAt); // met once
    }

    [Fact]
    public void Publication_sends_the_report_to_the_panel_and_to_foundations_at_once_with_evidence()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"));
        report = report.RecordCompilation(1, 1, At("2026-08-20"), "local-user").Changed().State;
        var now = At("2026-09-15", 14);

        var (published, emails) = report.RecordPublication(new DateOnly(2026, 9, 15), Url, SubmissionAddresses.Statutory, now, "local-user").Changed();

        Assert.Equal(["Mailbox.NationalReviewPanel@education.gov.uk", "policy@foundations.org.uk"], emails.Select(e => e.To.Single().Email));
        Assert.All(emails, e => Assert.Equal(now, e.CreatedAt));
        Assert.All(emails, e => Assert.Equal(Url, e.Values["reportUrl"]));
        Assert.Equal("warwickshire/annual-report/2025-26/submission/panel/2026-09-15", emails[0].Id);

        Assert.Equal(ProcessStatus.Completed, published.Status);
        Assert.Null(published.NextWakeAt);
        Assert.Equal(emails.Select(e => e.Id), published.Published!.Submissions.Select(s => s.MessageId));
        var panelEntry = published.Timeline.Single(t => t.Type == AnnualReportEvents.SubmittedToPanel);
        Assert.Contains(emails[0].Id, panelEntry.Detail, StringComparison.Ordinal);
        Assert.Contains(emails[1].Id, published.Timeline.Single(t => t.Type == AnnualReportEvents.SubmittedToFoundations).Detail, StringComparison.Ordinal);

        Assert.Equal(DeadlineState.Met, published.Deadline(AnnualReportDeadlines.Publication).State);
        var submission = published.Deadline(AnnualReportDeadlines.Submission);
        Assert.Equal(new DateOnly(2026, 9, 22), submission.DueOn);
        Assert.Equal(DeadlineState.Met, submission.State);
        Assert.Equal(now, submission.MetAt);
        Assert.Same(published, published.Wake(At("2026-10-02")).State);
    }

    [Fact]
    public void Publishing_with_internal_deadlines_pending_waives_them()
    {
        var report = Open().State.Contribute(1, At("2026-06-01")).Contribute(2, At("2026-06-01"));
        var published = report.RecordPublication(new DateOnly(2026, 6, 30), Url, SubmissionAddresses.Statutory, At("2026-06-30", 12), "local-user").Changed().State;
        Assert.Equal(DeadlineState.Waived, published.Deadline(AnnualReportDeadlines.Contributions).State);
        Assert.Equal(DeadlineState.Waived, published.Deadline(AnnualReportDeadlines.Draft).State);
    }

    [Fact]
    public void A_publication_on_time_recorded_after_the_deadline_still_meets_it()
    {
        var report = Open().State.ContributeAll(At("2026-07-20"));
        var (late, _) = report.RunUntil(At("2026-10-08", 10));
        Assert.True(late.Deadline(AnnualReportDeadlines.Publication).IsOverdue);

        var published = late.RecordPublication(new DateOnly(2026, 9, 29), Url, SubmissionAddresses.Statutory, At("2026-10-08", 10), "local-user").Changed().State;
        var publication = published.Deadline(AnnualReportDeadlines.Publication);
        Assert.Equal(DeadlineState.Met, publication.State);
        Assert.Equal(At("2026-09-29", 23, 59).AddSeconds(59), publication.MetAt);
        // Recorded (and so sent) nine days after publication: the submission is recorded as late.
        var submission = published.Deadline(AnnualReportDeadlines.Submission);
        Assert.Equal(new DateOnly(2026, 10, 6), submission.DueOn);
        Assert.Equal(DeadlineState.Missed, submission.State);
        Assert.NotNull(submission.MetAt);
    }

    [Fact]
    public void A_late_publication_misses_the_publication_deadline_but_submission_counts_from_it()
    {
        var (late, _) = Open().State.RunUntil(At("2026-10-12"));
        var published = late.RecordPublication(new DateOnly(2026, 10, 12), Url, SubmissionAddresses.Statutory, At("2026-10-12", 12), "local-user").Changed().State;

        Assert.Equal(DeadlineState.Missed, published.Deadline(AnnualReportDeadlines.Publication).State);
        Assert.Equal(DeadlineState.Met, published.Deadline(AnnualReportDeadlines.Submission).State);
    }

    [Theory]
    [InlineData("2026-09-15", Url, PublicationMatch.Same, DecisionOutcome.Unchanged)]
    [InlineData("2026-09-14", Url, PublicationMatch.Different, DecisionOutcome.Conflict)]
    [InlineData("2026-09-15", Url + "/v2", PublicationMatch.Different, DecisionOutcome.Conflict)]
    public void A_repeated_publication_is_compared_with_the_one_recorded(string on, string url, PublicationMatch expected, DecisionOutcome outcome)
    {
        var report = Open().State;
        Assert.Equal(PublicationMatch.NotYetPublished, report.CompareWithRecorded(DateOnly.Parse(on), url));
        var published = report.RecordPublication(new DateOnly(2026, 9, 15), Url, SubmissionAddresses.Statutory, At("2026-09-15", 12), "local-user").Changed().State;
        Assert.Equal(expected, published.CompareWithRecorded(DateOnly.Parse(on), url));
        Assert.Equal(outcome, published.RecordPublication(DateOnly.Parse(on), url, SubmissionAddresses.Statutory, At("2026-09-16"), "local-user").Outcome);
    }

    [Fact]
    public void A_publication_cannot_be_recorded_before_it_happens_nor_within_the_reporting_year()
    {
        var report = Open().State;
        var future = report.RecordPublication(new DateOnly(2026, 9, 16), Url, SubmissionAddresses.Statutory, At("2026-09-15", 23), "local-user");
        Assert.Equal((DecisionOutcome.Invalid, "on"), (future.Outcome, future.Field));
        Assert.Equal("The publication date cannot be in the future (today is 2026-09-15).", future.Message);
        var early = report.RecordPublication(new DateOnly(2026, 3, 31), Url, SubmissionAddresses.Statutory, At("2026-09-15"), "local-user");
        Assert.Equal((DecisionOutcome.Invalid, "on"), (early.Outcome, early.Field));
    }

    [Fact]
    public void The_state_round_trips_through_json()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var report = Open(TestPartnerships.Staffordshire).State.ContributeAll(At("2026-07-20"), except: [4]);
        report = report.RecordCompilation(1, 1, At("2026-08-01"), "local-user").Changed().State;
        report = report.RunUntil(At("2026-08-08")).Report;
        report = report.RecordPublication(new DateOnly(2026, 9, 1), Url, SubmissionAddresses.Statutory, At("2026-09-01", 12), "local-user").Changed().State;

        var json = JsonSerializer.Serialize(report, options);
        var back = JsonSerializer.Deserialize<AnnualReport>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(report.Key, back.Key);
        Assert.Equal(report.Year, back.Year);
        Assert.Equal(report.Sections.Count, back.Sections.Count);
        Assert.Equal(report.Published, back.Published! with { Submissions = report.Published!.Submissions });
        Assert.Equal(report.Published.Submissions, back.Published.Submissions);
        Assert.False(JsonDocument.Parse(json).RootElement.TryGetProperty("title", out _)); // derived, not stored
    }
}
