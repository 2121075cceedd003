using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>The link format on its own: signature, expiry, purpose, process and item.</summary>
public sealed class ContributorLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly LinkPurpose Summary = new("agency-summary", SingleUse: true);
    private static readonly ProcessKey Review = new("staffordshire", "rapid-review", "rr-2026-01");

    private readonly WorkflowClock clock = new(Options.Create(new ClockOptions { Mode = ClockMode.Simulated, SimulatedStart = Now }), TimeProvider.System);
    private readonly ContributorLinks links;

    public ContributorLinksTests() => links = new ContributorLinks(new LinkSigningKey(Key(1), generated: false), clock);

    [Fact]
    public void Create_gives_a_relative_query_that_validates_for_its_own_item()
    {
        var query = links.Create(Summary, Review, "police", Now.AddDays(7));

        Assert.StartsWith("?link=", query);
        var token = query["?link=".Length..];
        Assert.Equal(Uri.EscapeDataString(token), token); // nothing to escape in a URL
        Assert.Equal(LinkCheck.Valid, links.Validate(token, Summary, Review, "police"));
        Assert.Equal(LinkCheck.Valid, links.Read(token, out var link));
        Assert.Equal(Review, link!.Process);
        Assert.Equal("police", link.ItemId);
        Assert.Equal(Now.AddDays(7), link.ExpiresAt);
        Assert.Matches("^link:[0-9a-f]{16}$", link.Actor);
    }

    [Fact]
    public void A_link_is_for_one_purpose_process_and_item()
    {
        var token = links.CreateToken(Summary, Review, "police", Now.AddDays(7));

        Assert.Equal(LinkCheck.WrongItem, links.Validate(token, Summary, Review, "health"));
        Assert.Equal(LinkCheck.WrongItem, links.Validate(token, Summary, Review with { Id = "rr-2026-02" }, "police"));
        Assert.Equal(LinkCheck.WrongItem, links.Validate(token, Summary, Review with { PartnershipId = "solihull" }, "police"));
        Assert.Equal(LinkCheck.WrongItem, links.Validate(token, Summary, Review with { Kind = "practice-review" }, "police"));
        Assert.Equal(LinkCheck.WrongItem, links.Validate(token, new LinkPurpose("section-draft"), Review, "police"));
    }

    [Fact]
    public void A_link_expires_by_the_process_clock()
    {
        var token = links.CreateToken(Summary, Review, "police", Now.AddHours(1));
        Assert.Equal(LinkCheck.Valid, links.Validate(token, Summary, Review, "police"));

        clock.MoveTo(Now.AddHours(1));

        Assert.Equal(LinkCheck.Expired, links.Validate(token, Summary, Review, "police"));
    }

    [Fact]
    public void A_changed_link_or_one_signed_with_another_key_is_invalid()
    {
        var token = links.CreateToken(Summary, Review, "police", Now.AddDays(7));
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var otherItem = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(payload)).Replace("police", "health", StringComparison.Ordinal)));
        var laterExpiry = links.CreateToken(Summary, Review, "police", Now.AddDays(70)).Split('.')[0];
        var otherKey = new ContributorLinks(new LinkSigningKey(Key(2), generated: false), clock).CreateToken(Summary, Review, "police", Now.AddDays(7));

        foreach (var tampered in new[]
        {
            $"{otherItem}.{signature}",
            $"{laterExpiry}.{signature}",
            $"{payload}.{Flip(signature)}",
            $"{Flip(payload)}.{signature}",
            otherKey,
            payload,
            $"{payload}.{signature}.x",
            "",
            "not a link",
            new string('A', 5000),
        })
        {
            Assert.Equal(LinkCheck.Invalid, links.Validate(tampered, Summary, Review, "police"));
        }
    }

    [Theory]
    [InlineData("agency|summary", "rr-1", "police")]
    [InlineData("agency-summary", "rr|1", "police")]
    [InlineData("agency-summary", "rr-1", "")]
    public void Parts_that_would_make_the_link_ambiguous_are_refused(string purpose, string id, string item)
    {
        Assert.Throws<ArgumentException>(() => links.Create(new LinkPurpose(purpose), Review with { Id = id }, item, Now.AddDays(1)));
    }

    [Fact]
    public void A_signing_key_shorter_than_32_bytes_is_refused()
    {
        Assert.Null(LinkSigningKey.Decode(Convert.ToBase64String(new byte[31])));
        Assert.NotNull(LinkSigningKey.Decode(Convert.ToBase64String(new byte[32])));
        Assert.Null(LinkSigningKey.Decode("not base64!"));
        Assert.Throws<ArgumentException>(() => new LinkSigningKey(new byte[16], generated: false));
    }

    private static byte[] Key(int seed) => Enumerable.Range(0, 32).Select(i => (byte)(i * 31 + seed)).ToArray();

    private static string Flip(string text) => (text[0] == 'A' ? "B" : "A") + text[1..];
}
