using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Reviews;

/// <summary>
/// What a review's commands count dates with: the partnership's arrangements and its calendar (bank holidays plus
/// closure days). Not stored: the grain builds it from the partnership directory for each command.
/// </summary>
public sealed record ReviewContext(PartnershipArrangements Arrangements, StatutoryCalendar Calendar)
{
    public PartnershipTimescales Timescales => Arrangements.Timescales;

    /// <summary>When an automatic send planned for <paramref name="day"/> goes out: 09:00 (the send time) on it, or on the working day before.</summary>
    public DateTimeOffset SendAt(DateOnly day) => LondonTime.At(Calendar.OnOrBeforeWorkingDay(day), Timescales.SendTime);

    /// <summary>The send time on <paramref name="day"/> itself (for days already known to be working days).</summary>
    public DateTimeOffset SendTimeOn(DateOnly day) => LondonTime.At(day, Timescales.SendTime);

    public ReviewContacts Contacts => new(
        Arrangements.Name,
        new EmailRecipient(Arrangements.BusinessManager.Name, Arrangements.BusinessManager.Email),
        [.. Arrangements.SafeguardingPartners
            .Select(p => new EmailRecipient(p.DelegatedOfficer.Name, p.DelegatedOfficer.Email))
            .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase)]);
}

/// <summary>
/// Who a review writes to on the partnership's side, kept in the state so that a wake (which has no partnership
/// directory) can address its emails. Refreshed by every command.
/// </summary>
/// <param name="DelegatedPartners">The three safeguarding partners' delegated officers, from the arrangements.</param>
public sealed record ReviewContacts(string PartnershipName, EmailRecipient BusinessManager, ImmutableList<EmailRecipient> DelegatedPartners)
{
    /// <summary>The delegated safeguarding partners and the business manager, once each.</summary>
    public IReadOnlyList<EmailRecipient> PartnersAndBusinessManager =>
        [.. DelegatedPartners.Append(BusinessManager).DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase)];
}
