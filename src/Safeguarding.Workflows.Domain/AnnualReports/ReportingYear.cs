using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>
/// The financial year a yearly report covers: 1 April of <see cref="FirstYear"/> to 31 March of the next year, both
/// inclusive. Written <c>2025-26</c> in URLs and process keys.
/// </summary>
[JsonConverter(typeof(ReportingYearJsonConverter))]
public readonly record struct ReportingYear
{
    /// <summary>The earliest and latest first years accepted: enough for any report the service will see.</summary>
    public const int Earliest = 2000, Latest = 2098;

    public ReportingYear(int firstYear)
    {
        if (firstYear is < Earliest or > Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(firstYear), $"A reporting year must start between {Earliest} and {Latest}.");
        }

        FirstYear = firstYear;
    }

    /// <summary>The calendar year in which the reporting year starts (2025 for <c>2025-26</c>).</summary>
    public int FirstYear { get; }

    /// <summary>The calendar year in which it ends, and in which the report is compiled and published.</summary>
    public int SecondYear => FirstYear + 1;

    /// <summary><c>2025-26</c>.</summary>
    public string Id => $"{FirstYear}-{SecondYear % 100:00}";

    /// <summary>1 April of <see cref="FirstYear"/> (inclusive).</summary>
    public DateOnly StartsOn => new(FirstYear, 4, 1);

    /// <summary>31 March of <see cref="SecondYear"/> (inclusive).</summary>
    public DateOnly EndsOn => new(SecondYear, 3, 31);

    /// <summary>"1 April 2025 to 31 March 2026".</summary>
    public string Period => $"1 April {FirstYear} to 31 March {SecondYear}";

    public bool Contains(DateOnly date) => date >= StartsOn && date <= EndsOn;

    public override string ToString() => Id;

    /// <summary>
    /// Reads <c>YYYY-YY</c> where the second part is the last two digits of the year after the first
    /// (<c>2025-26</c>, <c>2099-00</c> is out of range, <c>1999-00</c> too). <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, out ReportingYear year, out string? error)
    {
        year = default;
        if (text is not { Length: 7 } || text[4] != '-' || !text.Remove(4, 1).All(char.IsAsciiDigit))
        {
            error = $"'{text}' is not a reporting year: write it like 2025-26 (the year starting 1 April 2025).";
            return false;
        }

        var first = int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        var second = int.Parse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        if (second != (first + 1) % 100)
        {
            error = $"In '{text}' the second year must follow the first: {first}-{(first + 1) % 100:00}.";
            return false;
        }

        if (first is < Earliest or > Latest)
        {
            error = $"'{text}' is out of range: the first year must be between {Earliest} and {Latest}.";
            return false;
        }

        year = new ReportingYear(first);
        error = null;
        return true;
    }

    /// <exception cref="FormatException">Not a reporting year.</exception>
    public static ReportingYear Parse(string text) =>
        TryParse(text, out var year, out var error) ? year : throw new FormatException(error);
}

internal sealed class ReportingYearJsonConverter : JsonConverter<ReportingYear>
{
    public override ReportingYear Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ReportingYear.TryParse(reader.GetString(), out var year, out _)
            ? year
            : throw new JsonException("Expected a reporting year written like \"2025-26\".");

    public override void Write(Utf8JsonWriter writer, ReportingYear value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
}
