using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Safeguarding.Workflows.Notifications;

/// <summary>Which provider actually sends the email.</summary>
public enum EmailProvider
{
    /// <summary>Stores every message in Blob storage and lists it at <c>GET /api/outbox</c>. Nothing leaves the service.</summary>
    Outbox,
    SendGrid,
    Graph,
}

/// <summary>The <c>Email</c> configuration section (host.json, environment <c>Email__...</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    /// <summary>
    /// The sender address, also named as organiser in calendar invitations (Graph always sends as
    /// <see cref="GraphOptions.Mailbox"/>). Required outside the Development and Testing environments.
    /// </summary>
    public string? From { get; set; }

    /// <summary>The display name of the sender; the partnership's name is in every message body anyway.</summary>
    public string FromName { get; set; } = "Safeguarding Workflows";

    /// <summary>
    /// Prefixed to the relative links (<c>/forms/...</c>) that processes put in a message. The host defaults it to the
    /// address it listens on (<c>Host.Email.PublicBaseAddress</c>); this value is the default elsewhere (tools, tests).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>Sending attempts before a message goes to the poison queue.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles with every attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker looks at the queue when nothing was enqueued in this process.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages sent at the same time by one worker.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Whether this process runs the delivery worker (a host that only enqueues can switch it off).</summary>
    public bool RunWorker { get; set; } = true;

    public SendGridOptions SendGrid { get; set; } = new();

    public GraphOptions Graph { get; set; } = new();

    public override string ToString() =>
        $"Provider={Provider}, From={From}, PublicBaseUrl={PublicBaseUrl}, MaxAttempts={MaxAttempts}, SendGrid=({SendGrid}), Graph=({Graph})";
}

public sealed class SendGridOptions
{
    /// <summary>Secret: never logged; <see cref="ToString"/> redacts it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>SendGrid validates the message but delivers nothing (mail_settings.sandbox_mode).</summary>
    public bool SandboxMode { get; set; }

    public override string ToString() => $"ApiKey={Redacted(ApiKey)}, SandboxMode={SandboxMode}";

    internal static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}

public sealed class GraphOptions
{
    /// <summary>The user or shared mailbox that sends the mail and keeps the Outlook calendar (UPN or id).</summary>
    public string? Mailbox { get; set; }

    public string? TenantId { get; set; }

    /// <summary>The app registration's client id; with no <see cref="ClientSecret"/> it picks a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>Secret: never logged. Leave empty to use the managed identity.</summary>
    public string? ClientSecret { get; set; }

    public override string ToString() =>
        $"Mailbox={Mailbox}, TenantId={TenantId}, ClientId={ClientId}, ClientSecret={SendGridOptions.Redacted(ClientSecret)}";
}

/// <summary>Checked at start (<c>ValidateOnStart</c>) so a misconfigured provider stops the host instead of failing later.</summary>
/// <param name="environment">None outside a host (benchmarks, unit tests): then no environment-specific rule applies.</param>
internal sealed class EmailOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<EmailOptions>
{
    // Azure Storage queues cannot hide a message for longer than seven days.
    internal static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("Email:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add("Email:MaxAttempts must be between 1 and 100.");
        }

        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff || options.MaxBackoff > LongestDelay)
        {
            errors.Add("Email:InitialBackoff and Email:MaxBackoff must satisfy 0 <= InitialBackoff <= MaxBackoff < 7 days.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Email:PollInterval must be positive.");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            errors.Add("Email:Concurrency must be between 1 and 64.");
        }

        // Invitations name the sender as organiser: a made-up address would reach real people's calendars. (SendGrid
        // needs it in every environment, below; Graph names its mailbox.)
        if (options.Provider == EmailProvider.Outbox && string.IsNullOrWhiteSpace(options.From)
            && environment is not null && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            errors.Add($"Email:From (the sender address, named as organiser in invitations) is required in the {environment.EnvironmentName} environment.");
        }

        switch (options.Provider)
        {
            case EmailProvider.SendGrid:
                if (string.IsNullOrWhiteSpace(options.SendGrid.ApiKey))
                {
                    errors.Add("Email:SendGrid:ApiKey is required with Email:Provider=SendGrid.");
                }

                if (string.IsNullOrWhiteSpace(options.From) || !options.From.Contains('@'))
                {
                    errors.Add("Email:From (a sender address) is required with Email:Provider=SendGrid.");
                }

                break;
            case EmailProvider.Graph:
                if (string.IsNullOrWhiteSpace(options.Graph.Mailbox))
                {
                    errors.Add("Email:Graph:Mailbox is required with Email:Provider=Graph.");
                }

                if (!string.IsNullOrEmpty(options.Graph.ClientSecret) && (string.IsNullOrWhiteSpace(options.Graph.TenantId) || string.IsNullOrWhiteSpace(options.Graph.ClientId)))
                {
                    errors.Add("Email:Graph:TenantId and Email:Graph:ClientId are required with Email:Graph:ClientSecret.");
                }

                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
