using System.Text;
using System.Text.Json;
using DurableDags.Core.Secrets;

namespace DurableDags.Core.Tests.Secrets;

public class SecretRedactorTests
{
    private readonly SecretRedactor _redactor = new(["tok+en/s3cr3t", "hunter2", "hunter2-long", "abc"]);

    [Fact]
    public void Every_occurrence_of_every_secret_is_masked_in_text()
    {
        Assert.Equal("a *** b *** c ***", _redactor.Redact("a tok+en/s3cr3t b hunter2 c tok+en/s3cr3t"));
    }

    [Theory]
    [InlineData("https://api.example/items?key=tok%2Ben%2Fs3cr3t&n=1")]
    [InlineData("https://api.example/items/tok%2ben%2fs3cr3t")]
    [InlineData("key=tok%2Ben%2Fs3cr3t")]
    [InlineData("Basic dG9rK2VuL3MzY3IzdA==")]
    [InlineData("token dG9rK2VuL3MzY3IzdA")]
    [InlineData("jwt dG9rK2VuL3MzY3IzdA.x")]
    public void Url_form_and_base64_encoded_secrets_are_masked_too(string text)
    {
        var redacted = _redactor.Redact(text);

        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", redacted, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("dG9rK2VuL3MzY3IzdA", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("%2Fs3", redacted, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_form_encoded_secret_with_spaces_is_masked_in_json()
    {
        var redactor = new SecretRedactor(["pass phrase 42"]);
        var json = Encoding.UTF8.GetBytes("""{"echo":"a=pass+phrase+42&b=pass%20phrase%2042"}""");

        using var redacted = JsonDocument.Parse(redactor.RedactJson(json));

        Assert.Equal("a=***&b=***", redacted.RootElement.GetProperty("echo").GetString());
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        Assert.Equal("x *** y", _redactor.Redact("x hunter2-long y"));
    }

    [Fact]
    public void Values_shorter_than_four_characters_are_not_treated_as_secrets()
    {
        Assert.Equal("abc abc", _redactor.Redact("abc abc"));
        Assert.True(new SecretRedactor(["abc", ""]).IsEmpty);
    }

    [Fact]
    public void Json_string_values_names_and_numbers_are_masked_even_when_escaped()
    {
        var escaped = """{"auth":"Bearer tok\u002Ben/s3cr3t","hunter2":[1,"\u0068unter2"],"pin":12345678}""";
        var redactor = new SecretRedactor(["tok+en/s3cr3t", "hunter2", "2345"]);

        var result = Encoding.UTF8.GetString(redactor.RedactJson(Encoding.UTF8.GetBytes(escaped)));

        using var doc = JsonDocument.Parse(result);
        Assert.Equal("Bearer ***", doc.RootElement.GetProperty("auth").GetString());
        Assert.Equal("***", doc.RootElement.GetProperty("***")[1].GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("***")[0].GetInt32());
        Assert.Equal("1***678", doc.RootElement.GetProperty("pin").GetString());
        Assert.DoesNotContain("hunter2", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_without_a_secret_comes_back_as_the_same_bytes()
    {
        var json = Encoding.UTF8.GetBytes("""{ "a" : [1, 2.50, true, null, "x"] }""");

        Assert.Same(json, _redactor.RedactJson(json));
        Assert.Same(json, SecretRedactor.None.RedactJson(json));
    }

    [Fact]
    public void A_json_element_is_redacted_to_an_equal_shape()
    {
        var element = JsonDocument.Parse("""{"list":[{"token":"hunter2"}],"n":1}""").RootElement;

        var redacted = _redactor.RedactJson(element);

        Assert.Equal("""{"list":[{"token":"***"}],"n":1}""", redacted.GetRawText());
    }
}
