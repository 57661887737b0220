namespace AudioEdge.DatasetBuilder;

/// <summary>Exit codes, from BSD sysexits.h as in the <c>audioedge</c> CLI, so scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line was wrong (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>labels.csv or an audio file is malformed (EX_DATAERR).</summary>
    public const int DataError = 65;

    /// <summary>The data directory, labels.csv or a listed file does not exist (EX_NOINPUT).</summary>
    public const int NoInput = 66;

    /// <summary>A needed tool (ffmpeg or sox) is missing (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>An unexpected internal failure (EX_SOFTWARE).</summary>
    public const int Software = 70;

    /// <summary>The output or cache directory cannot be written (EX_CANTCREAT).</summary>
    public const int CannotCreate = 73;
}
