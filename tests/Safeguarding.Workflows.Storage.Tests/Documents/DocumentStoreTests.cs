using System.Text;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Storage.Tests.Documents;

public sealed class DocumentStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProcessKey Meeting = new("staffordshire", ProcessKinds.Meeting, "board/2026-03");

    private readonly DocumentStore store = new(Azurite.Clients("docs"));

    [Fact]
    public async Task Each_save_is_a_new_version_and_earlier_versions_stay()
    {
        await store.SaveAsync(Meeting, "paper-p1", "application/pdf", "Draft report.pdf", Bytes("first"), T0, CancellationToken.None);
        var second = await store.SaveAsync(Meeting, "paper-p1", "application/pdf", "Final report.pdf", Bytes("second!"), T0.AddDays(1), CancellationToken.None);

        Assert.Equal(2, second.Version);
        var versions = await store.VersionsAsync(Meeting, "paper-p1", CancellationToken.None);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(["Draft report.pdf", "Final report.pdf"], versions.Select(v => v.FileName));
        Assert.Equal(T0.AddDays(1), versions[1].StoredAt);
        Assert.Equal(7, versions[1].Length);

        Assert.Equal("second!", await Read(await store.OpenAsync(Meeting, "paper-p1", null, CancellationToken.None)));
        Assert.Equal("first", await Read(await store.OpenAsync(Meeting, "paper-p1", 1, CancellationToken.None)));
    }

    [Fact]
    public async Task Documents_with_similar_names_or_other_processes_are_separate()
    {
        await store.SaveAsync(Meeting, "paper-p1", "application/pdf", "a.pdf", Bytes("a"), T0, CancellationToken.None);
        await store.SaveAsync(Meeting, "paper-p10", "application/pdf", "b.pdf", Bytes("b"), T0, CancellationToken.None);
        await store.SaveAsync(Meeting with { Id = "board/2026-04" }, "paper-p1", "application/pdf", "c.pdf", Bytes("c"), T0, CancellationToken.None);

        Assert.Single(await store.VersionsAsync(Meeting, "paper-p1", CancellationToken.None));
        Assert.Equal("b", await Read(await store.OpenAsync(Meeting, "paper-p10", null, CancellationToken.None)));
    }

    [Fact]
    public async Task A_missing_document_is_null_not_an_error()
    {
        Assert.Empty(await store.VersionsAsync(Meeting, "nothing", CancellationToken.None));
        Assert.Null(await store.OpenAsync(Meeting, "nothing", null, CancellationToken.None));
        await store.SaveAsync(Meeting, "agenda", "text/html", "agenda.html", Bytes("x"), T0, CancellationToken.None);
        Assert.Null(await store.OpenAsync(Meeting, "agenda", 5, CancellationToken.None));
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> Read((StoredDocument Document, Stream Content)? opened)
    {
        Assert.NotNull(opened);
        await using var content = opened.Value.Content;
        using var reader = new StreamReader(content);
        return await reader.ReadToEndAsync();
    }
}
