using System.Collections.Frozen;
using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// Every partnership the service runs, by id, with the calendar each one counts its working days in
/// (England and Wales bank holidays plus the partnership's closure days). Immutable.
/// </summary>
public sealed class PartnershipDirectory
{
    private readonly FrozenDictionary<string, (PartnershipArrangements Arrangements, StatutoryCalendar Calendar)> byId;

    /// <param name="partnerships">The partnerships; ids must be unique.</param>
    /// <param name="calendar">The national calendar (bank holidays, including announced ones) the partnerships share.</param>
    public PartnershipDirectory(IEnumerable<PartnershipArrangements> partnerships, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(partnerships);
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        All = [.. partnerships.OrderBy(p => p.Id, StringComparer.Ordinal)];
        var duplicate = All.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Partnership id '{duplicate.Key}' appears more than once.", nameof(partnerships));
        }

        byId = All.ToFrozenDictionary(p => p.Id, p => (p, calendar.WithClosureDays(p.ClosureDays)), StringComparer.Ordinal);
    }

    /// <summary>The national calendar, without any partnership's closure days.</summary>
    public StatutoryCalendar Calendar { get; }

    /// <summary>Every partnership, ordered by id.</summary>
    public IReadOnlyList<PartnershipArrangements> All { get; }

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
