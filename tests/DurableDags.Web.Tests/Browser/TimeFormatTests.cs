namespace DurableDags.Web.Tests.Browser;

/// <summary>
/// How format.js writes times, run in Chromium as a reader in Berlin (en-GB) would see them: each
/// with its zone, summer time included, and a logical date also in the DAG's zone when that reads
/// it differently.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class TimeFormatTests(Chromium chromium) : ModulePage(chromium, timezoneId: "Europe/Berlin", locale: "en-GB")
{
    [Theory]
    [InlineData("2026-11-22T11:00:00Z", "2026-11-22 12:00:00 CET")]
    [InlineData("2026-07-01T12:00:00Z", "2026-07-01 14:00:00 CEST")]
    public async Task A_date_and_time_carries_the_browsers_zone_as_it_stands_that_day(string iso, string expected)
    {
        Assert.Equal(expected, await FormatAsync($"f.dateTime('{iso}')"));
    }

    [Fact]
    public async Task A_time_of_day_carries_the_zone()
    {
        Assert.Equal("14:02:10 CEST", await FormatAsync("f.clockZone(Date.parse('2026-07-01T12:02:10Z'))"));
    }

    [Theory]
    [InlineData("America/Bogota", "2026-11-22 12:00:00 CET (2026-11-22 06:00:00 America/Bogota)")]
    [InlineData("Europe/Berlin", "2026-11-22 12:00:00 CET")]
    [InlineData("Europe/Paris", "2026-11-22 12:00:00 CET")]
    [InlineData(null, "2026-11-22 12:00:00 CET")]
    public async Task A_logical_date_also_shows_the_dags_zone_when_that_reads_it_differently(string? zone, string expected)
    {
        var arg = zone is null ? "null" : $"'{zone}'";
        Assert.Equal(expected, await FormatAsync($"f.logicalDate('2026-11-22T11:00:00Z', {arg})"));
    }

    [Fact]
    public async Task A_retry_start_reads_as_a_countdown()
    {
        Assert.Equal("in 40 s", await FormatAsync("f.relative('2026-07-01T12:00:40Z', Date.parse('2026-07-01T12:00:00Z'))"));
    }

    private Task<string> FormatAsync(string expression) =>
        Page.EvaluateAsync<string>($"async () => {{ const f = await import('/assets/js/format.js'); return {expression}; }}");
}
