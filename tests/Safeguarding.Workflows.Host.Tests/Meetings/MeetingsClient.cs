using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>Drives Staffordshire meetings over HTTP the way an agency form or the business manager would.</summary>
public sealed class MeetingsClient(ServiceFactory factory, string partnershipId = "staffordshire")
{
    private readonly HttpClient client = factory.CreateClient();

    public static readonly byte[] Pdf = "%PDF-1.7\n% a paper\n"u8.ToArray();

    public static readonly object[] ThreePapers =
    [
        new { id = "performance", title = "Performance report", author = new { name = "Ann Author", email = "ann@council.example.org", agency = "Staffordshire County Council" } },
        new { id = "audit", title = "Multi-agency audit", author = new { name = "Bob Author", email = "bob@police.example.org", agency = "Staffordshire Police" } },
        new { id = "health", title = "Health update", author = new { name = "Cy Author", email = "cy@icb.example.org", agency = "Staffordshire and Stoke-on-Trent Integrated Care Board" } },
    ];

    public HttpClient Http => client;

    public string Path(string id) => $"/api/partnerships/{partnershipId}/meetings/{id}";

    public Task<HttpResponseMessage> ScheduleAsync(string id, DateTimeOffset startsAt, object[]? papers = null, string title = "Partnership board") =>
        client.PutAsJsonAsync(Path(id), new { title, startsAt, location = "County Buildings, Stafford", papers = papers ?? ThreePapers });

    public async Task<JsonElement> GetAsync(string id)
    {
        var response = await client.GetAsync(Path(id));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> UploadAsync(string id, string paperId, byte[] content, string fileName = "paper.pdf", string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return client.PutAsync($"{Path(id)}/papers/{paperId}", form);
    }

    public Task<HttpResponseMessage> PostAsync(string id, string action, object body) => client.PostAsJsonAsync($"{Path(id)}/{action}", body);

    public async Task<List<TimelineItem>> HistoryAsync(string id) =>
        (await client.GetFromJsonAsync<List<TimelineItem>>($"{Path(id)}/history"))!;

    public async Task MoveClockTo(DateTimeOffset instant) =>
        (await client.PostAsJsonAsync("/api/dev/clock", new { setTo = instant })).EnsureSuccessStatusCode();

    /// <summary>What the Outbox provider sent for the meeting, once every queued email has been delivered.</summary>
    public async Task<List<OutboxItem>> OutboxAsync(string id)
    {
        Assert.True(await factory.Services.GetRequiredService<EmailQueue>().WaitUntilIdleAsync(TimeSpan.FromSeconds(30)), "Email delivery did not settle.");
        return (await client.GetFromJsonAsync<List<OutboxItem>>($"/api/outbox?processId={Uri.EscapeDataString($"{partnershipId}/meeting/{id}")}"))!;
    }

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public sealed record OutboxItem(string Id, List<string> To, string Subject, DateTimeOffset SentAt, string Kind, string Body, List<Attachment> Attachments);

    public sealed record Attachment(string FileName, string ContentType, string Content);

    public sealed record TimelineItem(DateTimeOffset At, string Type, string Actor, string Detail);
}
