namespace DurableDags.Cli.Commands;

/// <summary>The exit codes every command shares, so CI scripts can tell bad DAGs from bad calls.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
