using System.Diagnostics;
using System.Globalization;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// The baseline of the checkpoint-overhead target: a plain loop doing as many writes as a run
/// did, one after another, of the run's mean size, spread over folders as a run's records are
/// (a run writes per-node folders), then as many deletes.
/// </summary>
public static class RawWriteLoop
{
    private const int KeysPerFolder = 4;

    public static async Task<TimeSpan> TimeAsync(IObjectStore store, StoreCounts counts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(counts);
        var content = new byte[counts.MeanWriteBytes];
        Array.Fill(content, (byte)'x');
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < counts.Writes; i++)
        {
            await store.PutAsync(Key(i), content).ConfigureAwait(false);
        }

        for (var i = 0; i < counts.Deletes; i++)
        {
            await store.DeleteAsync(Key(i)).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"raw/n{i / KeysPerFolder:D5}/{i % KeysPerFolder}.json");
}
