using Microsoft.Extensions.FileProviders;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Dashboard;
using Safeguarding.Workflows.Host.Pages.Downloads;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages;

/// <summary>
/// The server-rendered pages: the dashboard and the agency forms (Razor Pages, GOV.UK Frontend, no JavaScript needed).
/// Forms call the same handlers as the JSON API, so both keep one set of rules.
/// </summary>
public static class PagesSetup
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            // The referral is the rapid reviews' "new" page too (its first address stays in emails and bookmarks).
            o.Conventions.AddPageRoute("/Forms/RapidReviews/Referral", "partnerships/{p}/rapid-reviews/new");
            // Raising an escalation is one page; the older form's address stays in bookmarks and the guide's history.
            o.Conventions.AddPageRoute("/Escalations/New", "forms/escalations/{p}/new");
            // The forms an agency reaches from an email also open with a contributor link for their one item.
            o.Conventions.AddPageApplicationModelConvention("/Forms/RapidReviews/AgencySummary", page =>
                page.EndpointMetadata.Add(new ContributorLinkEndpoint(FormLinks.AgencySummary, ProcessKinds.RapidReview, ItemRouteValue: "agency")));
            o.Conventions.AddPageApplicationModelConvention("/Forms/Meetings/Paper", page =>
                page.EndpointMetadata.Add(new ContributorLinkEndpoint(FormLinks.MeetingPaper, ProcessKinds.Meeting, ItemRouteValue: "paperId")));
            // A partnership's emails carry case references and signed contributor links: its business unit's, like the API's.
            o.Conventions.AddPageApplicationModelConvention("/Emails/Emails", page => page.EndpointMetadata.Add(new RequiredPermission(Permission.BusinessUnit)));
            o.Conventions.AddPageApplicationModelConvention("/Emails/Email", page => page.EndpointMetadata.Add(new RequiredPermission(Permission.BusinessUnit)));
            // The partnership's people and timescales are the business unit's to change (and to read: it lists email addresses).
            o.Conventions.AddPageApplicationModelConvention("/Settings/Settings", page => page.EndpointMetadata.Add(new RequiredPermission(Permission.BusinessUnit)));
            o.Conventions.AddPageApplicationModelConvention("/Settings/Calendars", page => page.EndpointMetadata.Add(new RequiredPermission(Permission.BusinessUnit)));
            // Anyone who may read the partnership makes and revokes a calendar for themselves (only): reading, not changing, its work.
            o.Conventions.AddPageApplicationModelConvention("/Dashboard/YourCalendar", page => page.EndpointMetadata.Add(new RequiredPermission(Permission.Read)));
            // Scheduling, moving and cancelling a meeting are the business unit's; anyone in the partnership may read them.
            foreach (var page in new[] { "/Meetings/New", "/Meetings/Reschedule", "/Meetings/Cancel", "/Meetings/AddPaper", "/Meetings/WithdrawPaper", "/Meetings/CompleteAction", "/Meetings/Series" })
            {
                o.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new RequiredPermission(Permission.BusinessUnit)));
            }

            o.Conventions.AddPageApplicationModelConvention("/Forms/AnnualReports/Section", page =>
                page.EndpointMetadata.Add(new ContributorLinkEndpoint(FormLinks.ReportSection, ProcessKinds.AnnualReport, ItemRouteValue: "n", IdRouteValue: "year")));
        });
        var localOnly = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sgw-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure everywhere but on a developer's plain-HTTP machine; there, still Secure when the request came over
            // HTTPS (directly or, as in Azure, behind an ingress that says so in X-Forwarded-Proto).
            o.Cookie.SecurePolicy = localOnly ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddSingleton<ProcessSnapshots>();
        builder.Services.AddSingleton<RecentHistories>();
        // Freshness is real time: the simulated clock may stand still or leap.
        builder.Services.AddSingleton(sp => new FailedEmailListing(sp.GetRequiredService<Safeguarding.Workflows.Notifications.Delivery.FailedMessages>(), TimeProvider.System));
        builder.Services.AddSingleton(sp => new AttendanceConcernListing(sp.GetRequiredService<Safeguarding.Workflows.Storage.Meetings.AttendanceConcernStore>(), TimeProvider.System));
        return builder;
    }

    /// <summary>
    /// The pages' CSS and JavaScript (<c>/assets/govuk/*</c> from GOV.UK Frontend, <c>/assets/app/*</c> our own), copied
    /// beside the binaries at build. Served before authentication: they are public and hold nothing about anyone.
    /// </summary>
    public static WebApplication UsePageAssets(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider(),
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.CacheControl = "public, max-age=3600";
            },
        });
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapPageDownloads();
        return app;
    }
}
