using System.Net.Mail;
using System.Security.Claims;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Pages.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Storage.Partnerships;

namespace Safeguarding.Workflows.Host.Calendar;

/// <summary>
/// Whom a person's deadline calendar is made for: one of the partnership's people as its settings name them (the same
/// list a paper's author is chosen from), or anyone else by their email address, as processes hold people by address.
/// </summary>
public static class CalendarPeople
{
    /// <summary>The choice for someone not in the list (the first, so a form left as it is asks for an address).</summary>
    public const string SomeoneElse = "";

    public static IReadOnlyList<Choice> Choices(PartnershipArrangements partnership) =>
    [
        new(SomeoneElse, "Someone else (give their email address below)"),
        .. MeetingPeople.Of(partnership).Select(c => new Choice(c.Email, MeetingPeople.Label(c))),
    ];

    /// <summary>The person's name when the partnership knows them, otherwise their address.</summary>
    public static string NameOf(PartnershipArrangements partnership, string email) =>
        MeetingPeople.Of(partnership).FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))?.Name ?? email;

    /// <summary>
    /// Whether the person is one of the partnership's business-unit people (its business manager, as the settings name
    /// them), whose calendar holds the business unit's own duties too.
    /// </summary>
    public static bool IsBusinessUnit(PartnershipArrangements partnership, string email) =>
        string.Equals(partnership.BusinessManager.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The signed-in person's own email address: their sign-in name (Entra ID's <c>preferred_username</c>, the name the
    /// service records them by) when it is an address; null when it is not (an application, the local development user).
    /// Not the token's optional <c>email</c> claim, which a tenant may let people set unverified.
    /// </summary>
    public static string? SignedIn(ClaimsPrincipal user)
    {
        var name = user.Identity is { IsAuthenticated: true, Name: { } signedIn } ? signedIn.Trim() : "";
        return name.Length is > 0 and <= 254 && MailAddress.TryCreate(name, out var address) && address.Address == name ? name : null;
    }

    /// <summary>Who a feed is for, as the settings page lists it.</summary>
    public static string Describe(PartnershipArrangements partnership, CalendarFeed feed) =>
        feed.PersonEmail is not { } email ? feed.For
        : NameOf(partnership, email) is var name && name != email ? $"{name}, {email}"
        : email;

    /// <summary>
    /// The address the form names: the person chosen (field <c>person</c>) or the one typed (field <c>email</c>);
    /// null with an error on the field to fix.
    /// </summary>
    public static string? Chosen(FormState form, PartnershipArrangements partnership)
    {
        var chosen = form.Value("person");
        if (chosen.Length > 0)
        {
            if (MeetingPeople.Of(partnership).Any(c => string.Equals(c.Email, chosen, StringComparison.OrdinalIgnoreCase)))
            {
                return chosen;
            }

            form.Fail("person", "Choose a person from the list, or someone else");
            return null;
        }

        var typed = form.Value("email");
        if (typed.Length == 0)
        {
            form.Fail("email", "Choose a person from the list, or enter the email address of someone else");
            return null;
        }

        if (typed.Length > 254 || !MailAddress.TryCreate(typed, out var address) || address.Address != typed)
        {
            form.Fail("email", "Enter the email address in the correct format, like name@example.com");
            return null;
        }

        return typed;
    }
}
