using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>
/// One page of a kind's list: the partnership's processes of that kind from the in-memory <see cref="ProcessListing"/>,
/// open ones first and newest first, <see cref="Size"/> to a page; only the page's own processes are read in full.
/// So a list costs the same with 20 processes or 10 000 (bench/README.md, "pages").
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<(ProcessIndexEntry Entry, T? Process)> Rows, int Number, int Pages, int Total) where T : class
{
    public const int Size = 50;

    /// <summary>The page links under the table, for the list at <paramref name="path"/>.</summary>
    public Pagination Links(string path) => new(Number, Pages, path);

    public static async Task<ListPage<T>> ReadAsync(
        ProcessListing listing, string partnershipId, string kind, int? page, Func<string, Task<T?>> read, CancellationToken cancellationToken)
    {
        var entries = (await listing.AllAsync(partnershipId, cancellationToken))
            .Where(e => e.Kind == kind)
            .OrderBy(e => e.Status == ProcessStatus.Open ? 0 : 1)
            .ThenByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (entries.Count + Size - 1) / Size);
        var number = Math.Clamp(page ?? 1, 1, pages);
        var shown = entries.Skip((number - 1) * Size).Take(Size).ToList();
        var processes = await Task.WhenAll(shown.Select(e => read(e.Id)));
        return new ListPage<T>([.. shown.Zip(processes)], number, pages, entries.Count);
    }
}

/// <summary>What <c>_Pagination</c> shows: page <see cref="Number"/> of <see cref="Pages"/>, each at <c>{Path}?page=n</c>.</summary>
public sealed record Pagination(int Number, int Pages, string Path)
{
    public string Link(int n) => $"{Path}?page={n}";
}
