using System.Collections.Immutable;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Grains;

namespace Safeguarding.Workflows.Storage.Tests.Grains;

public enum ReviewStage
{
    Drafting,
    UnderReview,
}

/// <summary>A domain-shaped state with no Orleans attributes: records, DateOnly, immutable collections, enums.</summary>
public sealed record ReviewState(
    string Reference,
    DateOnly AwareOn,
    DateTimeOffset CreatedAt,
    ReviewStage Stage,
    ImmutableList<string> Agencies,
    ImmutableArray<Deadline> Deadlines,
    IReadOnlyList<TimelineEntry> Timeline,
    string? Notes = null);

public sealed class AzureTableGrainStorageTests
{
    private const string StateName = "process";
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    private readonly StorageClients _clients = Azurite.Clients("grains");
    private readonly AzureTableGrainStorage _storage;

    public AzureTableGrainStorageTests() =>
        _storage = new AzureTableGrainStorage("Default", _clients, NullLogger<AzureTableGrainStorage>.Instance);

    private static GrainId Grain(string key) => GrainId.Create("process", key);

    private static ReviewState Sample(string notes = "") => new(
        "RR-2026-001",
        new DateOnly(2026, 3, 2),
        Created,
        ReviewStage.UnderReview,
        ["police", "health"],
        [new Deadline("panel-notification", new DateOnly(2026, 3, 3), new DateTimeOffset(2026, 3, 3, 23, 59, 59, TimeSpan.Zero))],
        [new TimelineEntry(Created, "created", "system", "opened")],
        notes);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, GrainStateJson.Options);

    [Fact]
    public async Task Round_trips_records_dates_immutable_collections_and_enums()
    {
        var grain = Grain("solihull/rapid-review/rr-1");
        var written = new GrainState<ReviewState>(Sample("first"));
        await _storage.WriteStateAsync(StateName, grain, written);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(new DateOnly(2026, 3, 2), read.State!.AwareOn);
        Assert.Equal(ReviewStage.UnderReview, read.State!.Stage);
        Assert.Equal(["police", "health"], read.State!.Agencies);
        Assert.Equal(Sample("first").Deadlines[0], read.State!.Deadlines.Single());
        Assert.Equal(Sample("first").Timeline[0], read.State!.Timeline.Single());
        Assert.Equal(Json(written.State), Json(read.State));
    }

    [Fact]
    public async Task Small_state_is_readable_camel_case_json_in_the_table()
    {
        var grain = Grain("solihull/meeting/m-1");
        await _storage.WriteStateAsync(StateName, grain, new GrainState<ReviewState>(Sample()));

        var table = _clients.Table(AzureTableGrainStorage.TableSuffix);
        var entity = (await table.GetEntityAsync<TableEntity>(TableKeys.Escape(grain.ToString()), StateName)).Value;
        var json = entity.GetString("Json");

        Assert.Contains("\"stage\":\"underReview\"", json);
        Assert.Contains("\"awareOn\":\"2026-03-02\"", json);
        Assert.Equal(grain.ToString(), entity.GetString("GrainId"));
    }

    [Fact]
    public async Task Reading_a_missing_state_leaves_the_default_and_says_it_does_not_exist()
    {
        var initial = Sample("default");
        var state = new GrainState<ReviewState>(initial);

        await _storage.ReadStateAsync(StateName, Grain("nobody/meeting/none"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Same(initial, state.State);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_InconsistentStateException()
    {
        var grain = Grain("solihull/escalation/e-1");
        var first = new GrainState<ReviewState>(Sample("v1"));
        await _storage.WriteStateAsync(StateName, grain, first);
        var staleEtag = first.ETag;

        var second = new GrainState<ReviewState>(Sample("v2")) { ETag = staleEtag, RecordExists = true };
        await _storage.WriteStateAsync(StateName, grain, second);
        Assert.NotEqual(staleEtag, second.ETag);

        var stale = new GrainState<ReviewState>(Sample("v3")) { ETag = staleEtag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("v2", read.State!.Notes);
    }

    [Fact]
    public async Task Writing_without_an_etag_only_inserts()
    {
        var grain = Grain("solihull/practice-review/pr-1");
        await _storage.WriteStateAsync(StateName, grain, new GrainState<ReviewState>(Sample("first")));

        var again = new GrainState<ReviewState>(Sample("second"));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, again));
        Assert.Contains(grain.ToString(), error.Message);

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("first", read.State!.Notes);
    }

    [Fact]
    public async Task Writing_after_someone_cleared_the_state_throws()
    {
        var grain = Grain("solihull/meeting/cleared");
        var mine = new GrainState<ReviewState>(Sample());
        await _storage.WriteStateAsync(StateName, grain, mine);
        var theirs = new GrainState<ReviewState>(Sample()) { ETag = mine.ETag, RecordExists = true };
        await _storage.ClearStateAsync(StateName, grain, theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, mine));
    }

    [Fact]
    public async Task Clear_then_read_is_not_exists()
    {
        var grain = Grain("solihull/annual-report/2025-26");
        var state = new GrainState<ReviewState>(Sample());
        await _storage.WriteStateAsync(StateName, grain, state);

        await _storage.ClearStateAsync(StateName, grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        var read = new GrainState<ReviewState>(Sample("default"));
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);

        // After a clear the state can be inserted afresh.
        await _storage.WriteStateAsync(StateName, grain, new GrainState<ReviewState>(Sample("reborn")));
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("reborn", read.State!.Notes);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_state()
    {
        var grain = Grain("solihull/meeting/keep");
        var state = new GrainState<ReviewState>(Sample("v1"));
        await _storage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<ReviewState>(Sample()) { ETag = state.ETag, RecordExists = true };
        await _storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, grain, stale));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Medium_state_is_split_over_binary_properties_in_the_entity()
    {
        var grain = Grain("solihull/meeting/medium");
        var notes = new string('m', 300_000);
        await _storage.WriteStateAsync(StateName, grain, new GrainState<ReviewState>(Sample(notes)));

        var entity = (await _clients.Table(AzureTableGrainStorage.TableSuffix).GetEntityAsync<TableEntity>(TableKeys.Escape(grain.ToString()), StateName)).Value;
        Assert.Equal(5, entity.GetInt32("DataParts"));
        Assert.Null(entity.GetString("Json"));
        Assert.Null(entity.GetString("Blob"));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(notes, read.State!.Notes);
    }

    [Fact]
    public async Task Large_state_goes_to_a_blob_and_old_blobs_are_removed()
    {
        var grain = Grain("solihull/rapid-review/large");
        var container = _clients.Container(AzureTableGrainStorage.ContainerSuffix);
        var big = new string('x', 2 * 1024 * 1024);

        var state = new GrainState<ReviewState>(Sample(big));
        await _storage.WriteStateAsync(StateName, grain, state);
        Assert.Equal(1, await CountBlobsAsync(container));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(big, read.State!.Notes);
        Assert.Equal(state.ETag, read.ETag);

        // A second large write replaces the blob; a stale large write is refused and leaves no blob behind.
        var stale = new GrainState<ReviewState>(Sample(big + "stale")) { ETag = state.ETag, RecordExists = true };
        state.State = Sample(big + "2");
        await _storage.WriteStateAsync(StateName, grain, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grain, stale));
        Assert.Equal(1, await CountBlobsAsync(container));
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(big + "2", read.State!.Notes);

        // Back to a small state, then clear: nothing is left.
        state.State = Sample("small");
        await _storage.WriteStateAsync(StateName, grain, state);
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("small", read.State!.Notes);

        await _storage.ClearStateAsync(StateName, grain, state);
        Assert.Equal(0, await CountBlobsAsync(container));
        await _storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Keys_with_forbidden_characters_are_escaped_and_stay_distinct()
    {
        var awkward = Grain("p/x#1?\\tab\there~2F|end");
        var lookalike = Grain("p~2Fx#1?\\tab\there~2F|end");
        await _storage.WriteStateAsync("state/one#", awkward, new GrainState<ReviewState>(Sample("awkward")));
        await _storage.WriteStateAsync("state/one#", lookalike, new GrainState<ReviewState>(Sample("lookalike")));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync("state/one#", awkward, read);
        Assert.Equal("awkward", read.State!.Notes);
        await _storage.ReadStateAsync("state/one#", lookalike, read);
        Assert.Equal("lookalike", read.State!.Notes);

        await _storage.ReadStateAsync("state/two", awkward, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Each_state_name_of_a_grain_is_separate()
    {
        var grain = Grain("solihull/meeting/two-states");
        await _storage.WriteStateAsync("first", grain, new GrainState<ReviewState>(Sample("one")));
        await _storage.WriteStateAsync("second", grain, new GrainState<ReviewState>(Sample("two")));

        var read = new GrainState<ReviewState>(null!);
        await _storage.ReadStateAsync("first", grain, read);
        Assert.Equal("one", read.State!.Notes);
        await _storage.ReadStateAsync("second", grain, read);
        Assert.Equal("two", read.State!.Notes);
    }

    private static async Task<int> CountBlobsAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }
}
