using System.ComponentModel.DataAnnotations;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>The <c>Meetings</c> configuration section.</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>The largest paper accepted, in bytes (default 25 MB). The upload endpoint's request limit follows it.</summary>
    [Range(1, 1L << 30)]
    public long MaxPaperBytes { get; set; } = 25L * 1024 * 1024;
}
