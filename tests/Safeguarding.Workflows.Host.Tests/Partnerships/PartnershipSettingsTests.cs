using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Tests.Meetings;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Partnerships;

/// <summary>Issue 27: the business unit changes the partnership's people on the settings page; new work uses the change.</summary>
public sealed partial class PartnershipSettingsTests
{
    private const string NewMember = "dee.harper@staffordshire-police.example.org";

    [Fact]
    public async Task A_new_police_member_saved_on_the_settings_page_is_invited_to_the_next_meeting_even_after_a_restart()
    {
        string prefix;
        await using (var first = new ServiceFactory())
        {
            prefix = first.StoragePrefix;
            var client = first.CreateClient();
            var form = await FormAsync(client);
            form["member-name"] = "Dee Harper";
            form["member-role"] = "Detective Superintendent";
            form["member-agency"] = "Staffordshire Police";
            form["member-email"] = "not an email";
            var refused = await client.PostAsync("/partnerships/staffordshire/settings", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("href=\"#member-email\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            form = await FormAsync(client);
            form["member-name"] = "Dee Harper";
            form["member-role"] = "Detective Superintendent";
            form["member-agency"] = "Staffordshire Police";
            form["member-email"] = NewMember;
            var saved = await client.PostAsync("/partnerships/staffordshire/settings", new FormUrlEncodedContent(form));
            Assert.Equal("/partnerships/staffordshire/settings", saved.RequestMessage!.RequestUri!.AbsolutePath); // redirected, then got
            Assert.Contains("Settings saved", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var history = await first.Services.GetRequiredService<PartnershipSettings>().HistoryAsync("staffordshire", CancellationToken.None);
            var change = Assert.Single(history);
            Assert.Equal("local-user", change.Actor);
            Assert.Equal([$"Member added: Dee Harper (Staffordshire Police, {NewMember})"], change.Changes);
        }

        // A new host on the same storage: the saved settings, not the preset file, address the next meeting's invitation.
        await using var second = new ServiceFactory(storagePrefix: prefix);
        var meetings = new MeetingsClient(second);
        Assert.Equal(HttpStatusCode.Created, (await meetings.ScheduleAsync("board-2026-03", At("2026-03-14T10:00:00Z"))).StatusCode);
        OutboxItem? invitation = null;
        for (var attempt = 0; attempt < 100 && invitation is null; attempt++)
        {
            invitation = (await meetings.OutboxAsync("board-2026-03")).FirstOrDefault(e => e.Kind == "meetings/invitation");
            if (invitation is null) await Task.Delay(100);
        }

        Assert.NotNull(invitation);
        Assert.Contains(NewMember, invitation.To);
    }

    [Fact]
    public async Task A_change_saved_on_one_host_reaches_another_running_host_at_its_next_refresh()
    {
        await using var first = new ServiceFactory();
        await using var second = new ServiceFactory(
            new Dictionary<string, string?> { ["Engine:ClusterId"] = first.StoragePrefix + "b", ["Partnerships:SettingsRefreshInterval"] = "00:00:00.500" },
            storagePrefix: first.StoragePrefix);
        var secondDirectory = second.Services.GetRequiredService<Domain.Partnerships.PartnershipDirectory>();
        Assert.DoesNotContain(secondDirectory.Find("staffordshire")!.Members, m => m.Email == NewMember);

        var client = first.CreateClient();
        var form = await FormAsync(client);
        form["member-name"] = "Dee Harper";
        form["member-role"] = "Detective Superintendent";
        form["member-agency"] = "Staffordshire Police";
        form["member-email"] = NewMember;
        Assert.Contains("Settings saved", await (await client.PostAsync("/partnerships/staffordshire/settings", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var attempt = 0; attempt < 100 && !secondDirectory.Find("staffordshire")!.Members.Any(m => m.Email == NewMember); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(secondDirectory.Find("staffordshire")!.Members, m => m.Email == NewMember);
    }

    /// <summary>The settings form as the page fills it in, with its antiforgery token.</summary>
    internal static async Task<Dictionary<string, string>> FormAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/partnerships/staffordshire/settings");
        var form = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null && Attribute(input.Value, "type") is not ("checkbox" or "radio"))
            {
                form[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "");
            }
        }

        return form;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
