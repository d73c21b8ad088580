using System.Text.Json;

namespace DurableDags.Web.Tests.Browser;

/// <summary>
/// The pure helpers of the DAG page (duration bars, diff lines, times in a zone), run in the real
/// browser on the served assets.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class DagViewsTests(Chromium chromium) : ModulePage(chromium)
{
    [Fact]
    public async Task Duration_bars_are_oldest_first_and_a_run_that_goes_on_lasts_until_now()
    {
        var bars = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const { durationBars } = await import('/assets/js/views/durationChart.js');
              return durationBars([
                { runId: 'new', state: 'running', startedAt: '2026-12-04T10:00:00Z', endedAt: null },
                { runId: 'old', state: 'failed', startedAt: '2026-12-04T09:00:00Z', endedAt: '2026-12-04T09:00:04.5Z' },
                { runId: 'queued', state: 'queued', createdAt: '2026-12-04T08:00:00Z', startedAt: null, endedAt: null },
              ], Date.parse('2026-12-04T10:00:30Z'));
            }
            """);

        Assert.Equal(["queued", "old", "new"], bars.EnumerateArray().Select(b => b.GetProperty("runId").GetString()));
        Assert.Equal(4500, bars[1].GetProperty("ms").GetDouble());
        Assert.Equal(30_000, bars[2].GetProperty("ms").GetDouble());
        Assert.Equal("running", bars[2].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Lines_of_a_unified_diff_are_told_apart_by_their_first_characters()
    {
        var kinds = await Page.EvaluateAsync<string[]>("""
            async () => {
              const { diffLineKind } = await import('/assets/js/views/versionHistory.js');
              return ['--- v1', '+++ v2', '@@ -1,3 +1,3 @@', '-old', '+new', ' same', '+'].map(diffLineKind);
            }
            """);

        Assert.Equal(["meta", "meta", "hunk", "del", "add", "context", "add"], kinds);
    }

    [Theory]
    [InlineData("2026-03-28T23:30:00Z", "Europe/Berlin", "2026-03-29 00:30:00 GMT+1")]
    [InlineData("2026-03-29T01:00:00Z", "Europe/Berlin", "2026-03-29 03:00:00 GMT+2")]
    [InlineData("2026-12-05T11:00:00Z", "America/Bogota", "2026-12-05 06:00:00 GMT-5")]
    [InlineData("2026-07-01T00:00:00Z", "America/New_York", "2026-06-30 20:00:00 EDT")]
    [InlineData("2026-07-01T00:00:00Z", "UTC", "2026-07-01 00:00:00 UTC")]
    public async Task A_time_in_a_dags_zone_is_written_with_that_zones_name_at_that_instant(string iso, string zone, string expected)
    {
        var text = await Page.EvaluateAsync<string>("""
            async ([iso, zone]) => {
              const { dateTimeIn } = await import('/assets/js/zones.js');
              return dateTimeIn(iso, zone);
            }
            """, new[] { iso, zone });

        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task A_zone_the_browser_does_not_know_falls_back_to_the_browsers_own()
    {
        var result = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const { dateTimeIn, zonedDateTime } = await import('/assets/js/zones.js');
              return { text: dateTimeIn('2026-07-01T00:00:00Z', 'Mars/Olympus'), own: zonedDateTime('2026-07-01T00:00:00Z') };
            }
            """);

        Assert.Equal(result.GetProperty("own").GetString(), result.GetProperty("text").GetString());
    }
}
