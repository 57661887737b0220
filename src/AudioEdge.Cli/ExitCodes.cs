namespace AudioEdge.Cli;

/// <summary>Process exit codes, from BSD sysexits.h so that scripts and systemd can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line was wrong (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>An input file exists but is not valid audio (EX_DATAERR).</summary>
    public const int DataError = 65;

    /// <summary>An input file does not exist or cannot be read (EX_NOINPUT).</summary>
    public const int NoInput = 66;

    /// <summary>A device or service is not available (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>An unexpected internal failure (EX_SOFTWARE).</summary>
    public const int Software = 70;

    /// <summary>An output file cannot be created (EX_CANTCREAT).</summary>
    public const int CannotCreate = 73;

    /// <summary>The configuration is invalid (EX_CONFIG).</summary>
    public const int Config = 78;
}
