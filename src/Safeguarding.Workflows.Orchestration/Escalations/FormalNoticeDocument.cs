using System.Globalization;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Orchestration.Documents;

namespace Safeguarding.Workflows.Orchestration.Escalations;

/// <summary>
/// The formal notice as a document: who issues it and to whom, the issue (the escalation's summary), the required
/// changes with their due dates, how to respond and by when, and the consequences of not complying.
/// </summary>
public static class FormalNoticeDocument
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static AccessibleDocument For(Escalation escalation)
    {
        var notice = escalation.Notice ?? throw new InvalidOperationException($"Escalation {escalation.Key} has no formal notice.");
        var finalDueOn = notice.Requirements.Max(r => r.DueOn);
        var reached = escalation.Stages.Take(escalation.CurrentStage).ToList();
        List<DocumentBlock> blocks =
        [
            new DocumentFacts(
            [
                new("Issued by", notice.IssuedBy),
                new("To", notice.Organisation),
                new("Reference", escalation.ShownReference),
                new("Date served", Long(notice.ServedOn)),
                new("Response due", Long(notice.RespondBy)),
            ]),
            new DocumentHeading(2, "The issue"),
            .. Paragraphs(escalation.Request.Summary),
            new DocumentParagraph(
                $"The concern was raised on {Long(escalation.Request.RaisedOn)} by {escalation.Request.RaisedBy.Agency} about {escalation.Request.Concerning.Agency}. " +
                $"It went through {reached.Count} {(reached.Count == 1 ? "stage" : "stages")} of the partnership's dispute resolution protocol without being resolved:"),
            new DocumentList(reached.Select(s => $"Stage {s.Number}, {s.Name} ({s.Who}): from {Long(s.StartsOn)}, to be resolved by {Long(s.DueOn)}").ToList()),
            new DocumentHeading(2, "Required changes"),
            new DocumentParagraph($"{notice.Organisation} must make each of the following changes by the date shown."),
            new DocumentTable(
                "Required changes and their due dates",
                ["Reference", "Required change", "Due by"],
                notice.Requirements.Select(r => (IReadOnlyList<string>)[r.Id, r.Change, Long(r.DueOn)]).ToList()),
            new DocumentHeading(2, "Your response"),
            new DocumentParagraph(
                $"Reply in writing to the partnership's business manager, {escalation.BusinessManager.Name} ({escalation.BusinessManager.Email}), by {Long(notice.RespondBy)}, " +
                "saying how and when each change will be made. Tell the business manager as each change is made."),
            new DocumentHeading(2, "Consequences of non-compliance"),
            .. Paragraphs(notice.Consequences),
            new DocumentHeading(2, "What happens next"),
            new DocumentParagraph(
                "Each change not made by its due date will be chased every week. " +
                $"If any change is still not made after {Long(finalDueOn)}, the safeguarding partners will decide whether to refer the matter to the Secretary of State."),
        ];
        return new AccessibleDocument($"Formal notice to {notice.Organisation}", blocks, Author: notice.IssuedBy);
    }

    private static IEnumerable<DocumentBlock> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new DocumentParagraph(p));

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", British);
}
