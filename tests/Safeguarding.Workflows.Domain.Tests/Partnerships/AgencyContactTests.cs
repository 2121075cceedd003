using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.RapidReviews;

namespace Safeguarding.Workflows.Domain.Tests.Partnerships;

/// <summary>
/// One record for a named member of an agency's staff. States saved by the two records it replaced wrote the same
/// properties in different orders (a rapid review's contact <c>agency, name, email</c>; a meeting's author and owner
/// <c>name, email, agency</c>): both read back the same.
/// </summary>
public sealed class AgencyContactTests
{
    // As the process store writes state (StateJson): web defaults, enums as camelCase strings.
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly AgencyContact Police = new("Police reviewer", "police.reviews@staffordshire.example.org", "Staffordshire Police");

    [Fact]
    public void A_rapid_reviews_contact_and_a_meetings_author_read_back_the_same()
    {
        var asRapidReviewWroteIt = """{"agency":"Staffordshire Police","name":"Police reviewer","email":"police.reviews@staffordshire.example.org"}""";
        var asMeetingWroteIt = """{"name":"Police reviewer","email":"police.reviews@staffordshire.example.org","agency":"Staffordshire Police"}""";

        Assert.Equal(Police, JsonSerializer.Deserialize<AgencyContact>(asRapidReviewWroteIt, Stored));
        Assert.Equal(Police, JsonSerializer.Deserialize<AgencyContact>(asMeetingWroteIt, Stored));
    }

    [Fact]
    public void The_same_record_is_a_rapid_reviews_contact_and_a_meeting_papers_author()
    {
        var review = JsonSerializer.Deserialize<RapidReviewCase>(
            """{"caseReference":"RR-2026-090","awareOn":"2026-01-05","childLookedAfter":true,"agencies":[{"agency":"Staffordshire Police","name":"Police reviewer","email":"police.reviews@staffordshire.example.org"}]}""",
            Stored)!;
        var paper = JsonSerializer.Deserialize<PaperRequest>(
            """{"id":"audit","title":"Multi-agency audit","author":{"name":"Police reviewer","email":"police.reviews@staffordshire.example.org","agency":"Staffordshire Police"}}""",
            Stored)!;

        Assert.Equal(Police, Assert.Single(review.Agencies));
        Assert.Equal(Police, paper.Author);
    }

    [Theory]
    [InlineData("Staffordshire Police", "staffordshire-police")]
    [InlineData("  University Hospitals of North Midlands NHS Trust ", "university-hospitals-of-north-midlands-nhs-trust")]
    [InlineData("Children's Services & Education", "children-s-services-education")]
    [InlineData("---", "agency")]
    public void The_agency_slug_is_lower_case_words_joined_by_hyphens(string agency, string slug) =>
        Assert.Equal(slug, AgencyContact.Slug(agency));
}
