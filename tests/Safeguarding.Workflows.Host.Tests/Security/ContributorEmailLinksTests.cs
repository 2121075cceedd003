using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Notifications;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// The host's <see cref="IEmailLinkSigner"/> on the service's own endpoint table: which links in an email are signed,
/// for what, until when; and that the renderer puts the signed link in the email.
/// </summary>
public sealed class ContributorEmailLinksTests : IAsyncLifetime
{
    private static readonly ProcessKey Review = new("staffordshire", ProcessKinds.RapidReview, "rr-2026-007");
    private static readonly ProcessKey Board = new("staffordshire", ProcessKinds.Meeting, "board 2026-02");
    private static readonly ProcessKey Report = new("staffordshire", ProcessKinds.AnnualReport, "2025-26");

    private readonly SecureService service = new();

    private IEmailLinkSigner Signer => service.Services.GetRequiredService<IEmailLinkSigner>();

    private ContributorLinks Links => service.Services.GetRequiredService<ContributorLinks>();

    private WorkflowClock Clock => service.Services.GetRequiredService<WorkflowClock>();

    public Task InitializeAsync()
    {
        _ = service.Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    public static TheoryData<string, string, string, string, string> Forms => new()
    {
        { "rapid-review", "link", "/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-police", "agency-summary", "staffordshire-police" },
        { "meeting", "uploadLink", "/forms/meetings/staffordshire/board%202026-02/papers/audit%20%26%20assurance", "meeting-paper", "audit & assurance" },
        { "annual-report", "contributionLink", "/forms/annual-reports/staffordshire/2025-26/sections/3", "annual-report-section", "3" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_contributor_forms_link_is_signed_for_exactly_its_purpose_process_and_item(string kind, string key, string path, string purpose, string item)
    {
        var process = ProcessOf(kind);

        var signed = Signer.Sign(Email(process), key, path);

        Assert.StartsWith(path + "?link=", signed, StringComparison.Ordinal);
        var token = signed[(path.Length + "?link=".Length)..];
        Assert.Equal(LinkCheck.Valid, Links.Read(token, out var link));
        Assert.Equal(purpose, link!.Purpose);
        Assert.Equal(process, link.Process);
        Assert.Equal(item, link.ItemId);
        Assert.Equal(Clock.GetUtcNow().AddDays(28).ToUnixTimeSeconds(), link.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(LinkCheck.WrongItem, Links.Validate(token, new LinkPurpose(purpose), process, item + "x"));
    }

    [Theory]
    [InlineData("link", "/partnerships/staffordshire/rapid-reviews/rr-2026-007")]
    [InlineData("delayReasonLink", "/partnerships/staffordshire/rapid-reviews/rr-2026-007#delay-reason")]
    [InlineData("link", "/forms/rapid-reviews/staffordshire/new")]
    [InlineData("reportLink", "/forms/annual-reports/staffordshire/2025-26")]
    [InlineData("reportLink", "/partnerships/staffordshire/annual-reports/2025-26")]
    [InlineData("paperLink", "/api/partnerships/staffordshire/rapid-reviews/rr-2026-007/documents/summary")]
    [InlineData("link", "/forms/meetings/staffordshire/rr-2026-007/notes")]
    [InlineData("link", "/forms/escalations/staffordshire/rr-2026-007/respond")]
    [InlineData("link", "/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/police/extra")]
    public void Staff_links_go_out_unchanged(string key, string path)
    {
        Assert.Equal(path, Signer.Sign(Email(Review), key, path));
    }

    [Fact]
    public void Only_the_emails_own_process_gets_a_signed_link()
    {
        var otherReview = "/forms/rapid-reviews/staffordshire/rr-2026-008/agency-summary/staffordshire-police";
        var otherPartnership = "/forms/rapid-reviews/solihull/rr-2026-007/agency-summary/staffordshire-police";

        Assert.Equal(otherReview, Signer.Sign(Email(Review), "link", otherReview));
        Assert.Equal(otherPartnership, Signer.Sign(Email(Review), "link", otherPartnership));
    }

    [Fact]
    public void A_fragment_stays_after_the_link_and_an_existing_query_is_kept()
    {
        var path = "/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-police";

        Assert.Matches(@"^/forms/[^?#]+\?link=[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+#learning$", Signer.Sign(Email(Review), "link", path + "#learning"));
        Assert.Matches(@"^/forms/[^?#]+\?draft=1&link=[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+$", Signer.Sign(Email(Review), "link", path + "?draft=1"));
    }

    [Fact]
    public void A_signed_link_expires_with_the_process_clock_and_a_changed_one_is_refused()
    {
        var path = "/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-police";
        var token = Signer.Sign(Email(Review), "link", path).Split("?link=")[1];

        // The same token naming another agency: the signature no longer matches.
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token.Split('.')[0]));
        var changed = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.Replace("staffordshire-police", "staffordshire-council", StringComparison.Ordinal))) + "." + token.Split('.')[1];
        Assert.Equal(LinkCheck.Invalid, Links.Read(changed, out _));

        Clock.MoveTo(Clock.GetUtcNow().AddDays(28).AddSeconds(-1));
        Assert.Equal(LinkCheck.Valid, Links.Read(token, out _));
        Clock.MoveTo(Clock.GetUtcNow().AddSeconds(1));
        Assert.Equal(LinkCheck.Expired, Links.Read(token, out _));
    }

    [Fact]
    public void The_lifetime_is_configurable_and_checked_at_start()
    {
        var options = new AuthOptions { LinkSigningKey = SecureService.LinkSigningKey, ContributorLinkLifetime = TimeSpan.FromMinutes(5) };
        var validator = new AuthOptionsValidator(service.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>());

        Assert.Contains("Auth:ContributorLinkLifetime", string.Join(' ', validator.Validate(null, options).Failures ?? []), StringComparison.Ordinal);
        options.ContributorLinkLifetime = TimeSpan.FromDays(14);
        Assert.DoesNotContain("ContributorLinkLifetime", string.Join(' ', validator.Validate(null, options).Failures ?? []), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rendered_email_carries_the_signed_link_after_the_public_base_url()
    {
        var renderer = service.Services.GetRequiredService<EmailRenderer>();
        var baseUrl = service.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        var email = Email(Review, "rapid-reviews/summary-request", new Dictionary<string, string>
        {
            ["agency"] = "Staffordshire Police",
            ["contactName"] = "Police reviewer",
            ["dueOn"] = "2026-01-19",
            ["reference"] = "RR-2026-007",
            ["processName"] = "rapid review",
            ["partnershipName"] = "Staffordshire Safeguarding Children Partnership",
            ["link"] = "/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-police",
        });

        var rendered = renderer.Render(email);

        var match = Regex.Match(rendered.Text, Regex.Escape(baseUrl) + @"(/forms/rapid-reviews/staffordshire/rr-2026-007/agency-summary/staffordshire-police)\?link=([A-Za-z0-9_\-.]+)");
        Assert.True(match.Success, rendered.Text);
        Assert.Equal(LinkCheck.Valid, Links.Validate(match.Groups[2].Value, FormLinks.AgencySummary, Review, "staffordshire-police"));
        Assert.Contains("?link=" + match.Groups[2].Value, rendered.Html, StringComparison.Ordinal);
    }

    private static ProcessKey ProcessOf(string kind) => kind switch
    {
        "rapid-review" => Review,
        "meeting" => Board,
        _ => Report,
    };

    private OutgoingEmail Email(ProcessKey process, string template = "rapid-reviews/summary-request", Dictionary<string, string>? values = null) =>
        new($"{process}/test", process.PartnershipId, process.ToString(), template, [new EmailRecipient("Police reviewer", "police@example.org")], values ?? [], Clock.GetUtcNow());
}
