using System.Net.Http.Json;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>Drives drills (the diagnostics process kind) over HTTP, as an operator or a benchmark would.</summary>
public sealed class DrillClient(HttpClient client, string partnershipId = "staffordshire")
{
    public async Task StartAsync(string id, IEnumerable<(string Name, DateTimeOffset DueAt)> steps, IEnumerable<(string Name, DateTimeOffset DueAt)>? deadlines = null)
    {
        var response = await client.PutAsJsonAsync($"/api/partnerships/{partnershipId}/drills/{id}", new
        {
            steps = steps.Select(s => new { name = s.Name, dueAt = s.DueAt }),
            deadlines = (deadlines ?? []).Select(d => new { name = d.Name, dueAt = d.DueAt }),
        });
        response.EnsureSuccessStatusCode();
    }

    public async Task<Drill> GetAsync(string id) =>
        (await client.GetFromJsonAsync<Drill>($"/api/partnerships/{partnershipId}/drills/{id}"))!;

    public sealed record Drill(string Id, string Status, List<Step> Steps, List<DeadlineState> Deadlines, List<TimelineItem> Timeline)
    {
        /// <summary>The steps done, in the order they were done.</summary>
        public IReadOnlyList<Step> Done => Steps.Where(s => s.DoneAt is not null).OrderBy(s => s.DoneAt).ToList();

        public IReadOnlyList<string> TimelineTypes => Timeline.Select(t => t.Type).ToList();

        public IReadOnlyList<string> MissedDeadlines => Deadlines.Where(d => d.State == "missed").Select(d => d.Name).ToList();
    }

    public sealed record Step(string Name, DateTimeOffset DueAt, DateTimeOffset? DoneAt);

    public sealed record DeadlineState(string Name, string State);

    public sealed record TimelineItem(DateTimeOffset At, string Type, string Actor, string Detail);
}
