namespace Safeguarding.Workflows.Storage.Tests;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("plain-key_1.2", "plain-key_1.2")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("a\\b#c?d", "a~5Cb~23c~3Fd")]
    [InlineData("tilde~bar|", "tilde~7Ebar~7C")]
    [InlineData("tab\tnul\0del\u007f", "tab~09nul~00del~7F")]
    [InlineData("c1\u0085", "c1~85")]
    public void Escapes_characters_azure_tables_forbid(string value, string expected)
    {
        Assert.Equal(expected, TableKeys.Escape(value));
        Assert.Equal(value, TableKeys.Unescape(expected));
    }

    [Fact]
    public void Escaping_is_per_character_so_prefixes_survive()
    {
        Assert.Equal(TableKeys.Escape("meeting/") + TableKeys.Escape("m#1"), TableKeys.Escape("meeting/m#1"));
    }

    [Fact]
    public void Escaped_text_never_contains_the_separator()
    {
        Assert.DoesNotContain(TableKeys.Separator, TableKeys.Escape("a|b|c"));
    }

    [Fact]
    public void Join_escapes_each_part_once_and_separates_them()
    {
        Assert.Equal("type~2Fa~7Cb|wake~7E", TableKeys.Join("reminder", "type/a|b", "wake~"));
        Assert.NotEqual(TableKeys.Join("key", "a|b", "c"), TableKeys.Join("key", "a", "b|c"));
    }

    [Fact]
    public void Too_long_keys_are_refused_naming_what_they_are()
    {
        var error = Assert.Throws<ArgumentException>(() => TableKeys.Key(new string('/', 400), "grain id"));
        Assert.Contains("grain id", error.Message);
    }

    [Theory]
    [InlineData("~")]
    [InlineData("~2")]
    [InlineData("~ZZ")]
    [InlineData("~u12")]
    public void Unescape_rejects_malformed_text(string value)
    {
        Assert.Throws<FormatException>(() => TableKeys.Unescape(value));
    }
}
