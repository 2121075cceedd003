using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Host.Partnerships;

/// <summary>Where the partnership files are (<c>Partnerships:Folder</c>).</summary>
public sealed class PartnershipsOptions
{
    public const string Section = "Partnerships";

    /// <summary>A folder of <c>{id}.json</c> files, relative to the content root; by default the nearest <c>config/partnerships</c>.</summary>
    public string? Folder { get; set; }
}

/// <summary>Where the announced bank holidays are (<c>Calendar:BankHolidaysFile</c>).</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>A file in the GOV.UK bank-holidays.json format, relative to the content root; by default the nearest <c>config/bank-holidays.json</c>.</summary>
    public string? BankHolidaysFile { get; set; }
}

public static partial class PartnershipsSetup
{
    /// <summary>
    /// Loads the bank holidays file and every partnership file when the service starts and registers the England and
    /// Wales <see cref="StatutoryCalendar"/> (with the announced holidays) and the <see cref="PartnershipDirectory"/>
    /// as singletons. A bad file stops start-up with a message naming the file and the field.
    /// </summary>
    public static WebApplicationBuilder AddPartnerships(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PartnershipsOptions>().BindConfiguration(PartnershipsOptions.Section);
        builder.Services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section);
        builder.Services.AddSingleton(LoadCalendar);
        builder.Services.AddSingleton(LoadPartnerships);
        builder.Services.AddSingleton<PartnershipSettings>();
        // First of the hosted services (they start in order), so the engine never works from presets a saved change replaced.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, LoadAtStart>());
        return builder;
    }

    private static StatutoryCalendar LoadCalendar(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CalendarOptions>>().Value;
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var logger = services.GetRequiredService<ILogger<StatutoryCalendar>>();
        var file = ConfigLocation.Resolve(options.BankHolidaysFile, contentRoot, Path.Combine("config", "bank-holidays.json"), directory: false);
        if (file is null)
        {
            LogNoBankHolidaysFile(logger, contentRoot);
            return StatutoryCalendar.EnglandAndWales;
        }

        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"Calendar:BankHolidaysFile '{file}' does not exist.");
        }

        IReadOnlyList<DateOnly> announced;
        try
        {
            announced = BankHolidays.ParseGovUkJson(File.ReadAllText(file));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Bank holidays file '{file}' is not valid: {e.Message}", e);
        }

        // Announcements only add days. A rule date missing from a year the file covers means a holiday was moved,
        // which needs a one-off change in BankHolidays; say so rather than count a moved holiday twice in silence.
        foreach (var year in announced.Select(d => d.Year).Distinct())
        {
            foreach (var missing in BankHolidays.EnglandAndWales.In(year).Except(announced))
            {
                LogRuleDateNotAnnounced(logger, missing, file);
            }
        }

        LogBankHolidaysLoaded(logger, announced.Count, file);
        return new StatutoryCalendar(BankHolidays.EnglandAndWales.WithAnnounced(announced));
    }

    private static PartnershipDirectory LoadPartnerships(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PartnershipsOptions>>().Value;
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var folder = ConfigLocation.Resolve(options.Folder, contentRoot, Path.Combine("config", "partnerships"), directory: true);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new InvalidOperationException(folder is null
                ? $"No config/partnerships folder was found above '{contentRoot}' or in '{AppContext.BaseDirectory}'; set Partnerships:Folder."
                : $"Partnerships:Folder '{folder}' does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f)));
        var directory = PartnershipDirectory.FromFiles(files, services.GetRequiredService<StatutoryCalendar>());
        LogPartnershipsLoaded(services.GetRequiredService<ILogger<PartnershipDirectory>>(), directory.All.Count, folder);
        return directory;
    }

    /// <summary>
    /// Resolves both singletons while the host starts, so a bad file stops start-up instead of the first request, then
    /// applies the settings the business units saved; afterwards applies, every
    /// <c>Partnerships:SettingsRefreshInterval</c> (30 seconds), what was saved on other hosts of the cluster.
    /// </summary>
    private sealed class LoadAtStart(IServiceProvider services, IConfiguration configuration, ILogger<LoadAtStart> logger) : BackgroundService
    {
        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<PartnershipDirectory>();
            await services.GetRequiredService<PartnershipSettings>().LoadAsync(cancellationToken);
            await base.StartAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var every = configuration.GetValue<TimeSpan?>("Partnerships:SettingsRefreshInterval") ?? TimeSpan.FromSeconds(30);
            var settings = services.GetRequiredService<PartnershipSettings>();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, stoppingToken);
                    await settings.LoadAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage unavailable (refused, timed out, ...): the settings in hand stand and the next round tries
                    // again. Nothing may escape: a failed background service stops the whole host.
                    LogRefreshFailed(logger, e);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "Could not read the partnerships' saved settings; trying again at the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Loaded {Count} partnerships from {Folder}")]
    private static partial void LogPartnershipsLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Loaded {Count} announced bank holidays from {File}")]
    private static partial void LogBankHolidaysLoaded(ILogger logger, int count, string file);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "No config/bank-holidays.json found above {ContentRoot}; counting with the built-in bank holiday rules only")]
    private static partial void LogNoBankHolidaysFile(ILogger logger, string contentRoot);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Bank holiday {Date} given by the rules is not in {File}; if it was moved, add the change to the one-off table of BankHolidays")]
    private static partial void LogRuleDateNotAnnounced(ILogger logger, DateOnly date, string file);
}
