using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>An email that could not be delivered, as the dashboard lists it: which process and template, never the recipient or body.</summary>
public sealed record FailedEmail(ProcessKey Process, string Template, int Attempts, DateTimeOffset FailedAt, string Reason);
