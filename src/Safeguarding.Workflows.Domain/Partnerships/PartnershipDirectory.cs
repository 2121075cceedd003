using System.Collections.Frozen;
using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// Every partnership the service runs, by id, with the calendar each one counts its working days in
/// (England and Wales bank holidays plus the partnership's closure days). The set of partnerships is fixed; one
/// partnership's arrangements are replaced whole by <see cref="Update"/> when its business unit changes its settings,
/// and every reader sees either the old arrangements or the new, never a mix.
/// </summary>
public sealed class PartnershipDirectory
{
    private volatile FrozenDictionary<string, (PartnershipArrangements Arrangements, StatutoryCalendar Calendar)> byId;
    private readonly Lock updating = new();

    /// <param name="partnerships">The partnerships; ids must be unique.</param>
    /// <param name="calendar">The national calendar (bank holidays, including announced ones) the partnerships share.</param>
    public PartnershipDirectory(IEnumerable<PartnershipArrangements> partnerships, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(partnerships);
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        var all = partnerships.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var duplicate = all.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Partnership id '{duplicate.Key}' appears more than once.", nameof(partnerships));
        }

        byId = all.ToFrozenDictionary(p => p.Id, p => (p, calendar.WithClosureDays(p.ClosureDays)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Replaces the arrangements of the partnership with <paramref name="arrangements"/>'s id (already checked, for
    /// example by <see cref="PartnershipFile.Parse"/>): new work reads them from now on.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No partnership has that id.</exception>
    public void Update(PartnershipArrangements arrangements)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        lock (updating)
        {
            if (!byId.ContainsKey(arrangements.Id))
            {
                throw new KeyNotFoundException($"No partnership has the id '{arrangements.Id}'.");
            }

            var next = byId.ToDictionary(StringComparer.Ordinal);
            next[arrangements.Id] = (arrangements, Calendar.WithClosureDays(arrangements.ClosureDays));
            byId = next.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>The national calendar, without any partnership's closure days.</summary>
    public StatutoryCalendar Calendar { get; }

    /// <summary>Every partnership, ordered by id.</summary>
    public IReadOnlyList<PartnershipArrangements> All => [.. byId.Values.Select(v => v.Arrangements).OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>The partnership with <paramref name="id"/> (exact, case-sensitive), or null.</summary>
    public PartnershipArrangements? Find(string id) => byId.TryGetValue(id, out var entry) ? entry.Arrangements : null;

    /// <summary>The calendar of partnership <paramref name="id"/>: the national calendar with its closure days.</summary>
    /// <exception cref="KeyNotFoundException">No partnership has that id.</exception>
    public StatutoryCalendar CalendarFor(string id) =>
        byId.TryGetValue(id, out var entry) ? entry.Calendar : throw new KeyNotFoundException($"No partnership has the id '{id}'.");

    /// <summary>
    /// Parses every file (name and text) and builds the directory. It stops at the first bad file, naming the file and
    /// its fields; a second file with an id already used is refused by its id.
    /// </summary>
    /// <exception cref="PartnershipConfigurationException">A file is not valid.</exception>
    public static PartnershipDirectory FromFiles(IEnumerable<(string FileName, string Json)> files, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(files);
        var parsed = new List<PartnershipArrangements>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fileName, json) in files)
        {
            var arrangements = PartnershipFile.Parse(fileName, json);
            if (seen.TryGetValue(arrangements.Id, out var first))
            {
                throw new PartnershipConfigurationException(fileName, [new("id", $"'{arrangements.Id}' is already used by '{first}'")]);
            }

            seen.Add(arrangements.Id, fileName);
            parsed.Add(arrangements);
        }

        return new PartnershipDirectory(parsed, calendar);
    }
}
