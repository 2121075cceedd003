using System.Text;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"reason":"ordinary text, with émigré, 日本語, emoji 👍🏽 and a\ttab\nand lines"}""")]
    [InlineData("""{"a":[1,2,{"b":null}],"c":true}""")]
    [InlineData("""{"broken": """)]
    public void Accepts_ordinary_text_and_leaves_malformed_json_to_binding(string json) =>
        Assert.Null(JsonText.FindForbidden(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"reason":"harmless\u202Etxt.exe"}""", "reason")]
    [InlineData("""{"reason":"Jay\u200Bden"}""", "reason")]
    [InlineData("""{"author":{"name":"x\u2066y"}}""", "author.name")]
    [InlineData("""{"papers":[{"title":"ok"},{"title":"bell\u0007"}]}""", "papers[1].title")]
    [InlineData("""{"papers":[[1,"\u001B[31m"]]}""", "papers[0][1]")]
    [InlineData("""{"title":"lone \uD800 surrogate"}""", "title")]
    [InlineData("""{"title":"reversed \uDC00\uD800 pair"}""", "title")]
    [InlineData("""{"bad\u202Ename":1}""", "body")]
    [InlineData("""{"outer":{"bad\u0000":1}}""", "outer")]
    [InlineData("""["\uFEFF"]""", "[0]")]
    [InlineData("\"\\u0085\"", "body")]
    [InlineData("""{"name":"joiner\u200Dhidden"}""", "name")]
    [InlineData("""{"name":"tag\uDB40\uDC41hidden"}""", "name")]
    [InlineData("""{"name":"soft\u00ADhyphen"}""", "name")]
    public void Finds_control_bidi_and_invisible_characters_naming_the_field(string json, string field) =>
        Assert.Equal(field, JsonText.FindForbidden(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Refuses_bytes_that_are_not_utf8() =>
        Assert.Equal("t", JsonText.FindForbidden([.. "{\"t\":\""u8, 0xC3, 0x28, .. "\"}"u8]));
}
