using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms.Meetings;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}/add-paper</c>: a paper's title and author (one of the partnership's people, or
/// someone else), read with the API's <see cref="MeetingValidation"/> and added with
/// <see cref="MeetingCommands.AddPaperAsync"/>; then Post/Redirect/Get to the meeting with a success banner.
/// </summary>
public sealed class AddPaperModel(PartnershipDirectory partnerships, MeetingCommands commands, WorkflowClock clock) : MeetingForm(partnerships, commands)
{
    /// <summary>The pack has gone: the paper will be a late paper.</summary>
    public bool Late => Meeting.CirculatedAt is not null;

    /// <summary>The paper deadline has gone but the pack has not: the author is asked for it as soon as possible.</summary>
    public bool DeadlinePassed => Process.PaperDeadlinePassed(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        return CanAdd ? Page() : Redirect($"/partnerships/{p}/meetings/{id}");
    }

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var author = MeetingPeople.Author(Form, Partnership, "", "Choose the author from the list, or someone else");
        var title = Form.Value("title");
        var paperId = NewModel.PaperId(title, [.. Meeting.Papers.Select(x => x.Id)]);
        var validation = new MeetingValidation();
        var request = validation.Paper(new PaperBody(paperId, Form.Optional("title"), author));
        foreach (var (path, messages) in validation.Errors)
        {
            var tooLong = messages[0].StartsWith("At most", StringComparison.Ordinal);
            switch (path)
            {
                case "title":
                    Form.Fail("title", tooLong ? $"The title must be {MeetingValidation.MaxTitle} characters or fewer" : "Enter the title of the paper");
                    break;
                case "author.name":
                    Form.Fail("name", tooLong ? $"The author’s name must be {MeetingValidation.MaxText} characters or fewer" : "Enter the name of the author, or choose them from the list");
                    break;
                case "author.email":
                    Form.Fail("email", Form.Value("email").Length == 0
                        ? "Enter the email address of the author"
                        : "Enter the email address of the author in the correct format, like name@example.com");
                    break;
                case "author.agency":
                    Form.Fail("agency", tooLong ? $"The agency must be {MeetingValidation.MaxText} characters or fewer" : "Enter the agency of the author");
                    break;
            }
        }

        if (Form.HasErrors || request is null)
        {
            return Invalid();
        }

        var reply = await Commands.AddPaperAsync(p, id, request, RequestActor.Of(HttpContext));
        return BackToMeeting(reply, p, id, $"paper-added&paper={Uri.EscapeDataString(request.Id)}", "title", "The paper could not be added");
    }

    /// <summary>Papers can be added while the meeting is open and has not taken place.</summary>
    public bool CanAdd => Process.Status == ProcessStatus.Open && Process.Attendance is null;
}
