using System.Text.Json;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Partnerships;

namespace Safeguarding.Workflows.Host.Partnerships;

/// <summary>The answer to a settings change: saved (with what changed), nothing to save, refused (with the fields), or changed meanwhile.</summary>
public sealed record SettingsOutcome(IReadOnlyList<string> Changes, IReadOnlyList<ConfigurationProblem> Problems, bool Conflict = false)
{
    public bool Saved => Changes.Count > 0 && Problems.Count == 0 && !Conflict;
}

/// <summary>
/// A partnership's settings as its business unit changes them: members and deputies, agency contacts and timescales.
/// The preset file is the starting value; a change is checked by the partnership-file rules, saved durably with an
/// audit entry (<see cref="PartnershipSettingsStore"/>), then put in the <see cref="PartnershipDirectory"/>, which
/// every process reads when it starts or addresses an email, so new work uses it at once. Pages and the API call this.
/// </summary>
public sealed partial class PartnershipSettings(PartnershipDirectory partnerships, PartnershipSettingsStore store, WorkflowClock clock, ILogger<PartnershipSettings> logger)
{
    // The version (ETag) of each partnership's saved settings already in the directory, so a reload applies only changes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> applied = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts every saved change not yet applied in the directory: when the host starts (before the engine), and then
    /// every little while, so a change saved on another host of the cluster reaches this one too.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, saved) in await store.ReadAllAsync(cancellationToken))
        {
            if (applied.TryGetValue(id, out var version) && version == saved.ETag)
            {
                continue;
            }

            try
            {
                partnerships.Update(PartnershipFile.Parse($"{id}.json", saved.Json));
                applied[id] = saved.ETag;
                LogLoaded(id);
            }
            catch (Exception e) when (e is PartnershipConfigurationException or KeyNotFoundException)
            {
                // A saved change the rules no longer accept (or a partnership no longer configured): its preset stands.
                applied[id] = saved.ETag;
                LogNotUsable(e, id);
            }
        }
    }

    public Task<IReadOnlyList<SettingsChange>> HistoryAsync(string partnershipId, CancellationToken cancellationToken) =>
        store.HistoryAsync(partnershipId, max: 50, cancellationToken);

    /// <summary>Checks and saves <paramref name="next"/> as its partnership's settings, recording <paramref name="actor"/>.</summary>
    public async Task<SettingsOutcome> SaveAsync(PartnershipArrangements next, string actor, CancellationToken cancellationToken)
    {
        var before = partnerships.Find(next.Id) ?? throw new KeyNotFoundException($"No partnership has the id '{next.Id}'.");
        var json = JsonSerializer.Serialize(next, PartnershipFile.JsonOptions);
        PartnershipArrangements checkedNext;
        try
        {
            checkedNext = PartnershipFile.Parse($"{next.Id}.json", json);
        }
        catch (PartnershipConfigurationException e)
        {
            return new SettingsOutcome([], e.Problems);
        }

        var changes = PartnershipChanges.Between(before, checkedNext);
        if (changes.Count == 0)
        {
            return new SettingsOutcome([], []);
        }

        var saved = await store.ReadAsync(next.Id, cancellationToken);
        if (!await store.SaveAsync(next.Id, json, saved?.ETag, new SettingsChange(clock.GetUtcNow(), actor, changes), cancellationToken))
        {
            return new SettingsOutcome(changes, [], Conflict: true);
        }

        partnerships.Update(checkedNext);
        LogSaved(next.Id, changes.Count, actor);
        return new SettingsOutcome(changes, []);
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Partnership {PartnershipId} uses its saved settings")]
    private partial void LogLoaded(string partnershipId);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "The saved settings of partnership {PartnershipId} cannot be used; its preset file stands until they are saved again")]
    private partial void LogNotUsable(Exception exception, string partnershipId);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Information, Message = "Partnership {PartnershipId}: {Count} settings changed by {Actor}")]
    private partial void LogSaved(string partnershipId, int count, string actor);
}
