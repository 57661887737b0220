namespace AudioEdge.Cli.Classification;

/// <summary>Where the CLI finds its model when the user names none.</summary>
internal static class ModelLocation
{
    /// <summary>
    /// <c>models/manifest.json</c> beside the executable: the build copies the repository's <c>models/</c> there,
    /// and the Debian package installs the model the same way, so an installed CLI and a development build find
    /// their model without configuration.
    /// </summary>
    public static string Default => Path.Combine(AppContext.BaseDirectory, "models", "manifest.json");
}
