using AudioEdge.Inference;

namespace AudioEdge.Cli.Classification;

/// <summary>Loads the model for a command (classify, eval), turning every failure into a one-line EX_CONFIG error.</summary>
internal static class CliModelLoader
{
    public static ModelPackage Load(string? path, string? variant)
    {
        string manifest = path ?? ModelLocation.Default;
        try
        {
            return ModelPackage.Load(manifest, variant);
        }
        catch (ModelLoadException) when (path is null && !File.Exists(manifest))
        {
            throw new CliException(ExitCodes.Config, $"no model at {manifest}: no trained model is installed beside the program; pass --model PATH/manifest.json");
        }
        catch (ModelLoadException ex)
        {
            throw new CliException(ExitCodes.Config, ex.Message);
        }
    }

    public static OnnxWindowScorer CreateScorer(ModelPackage package)
    {
        try
        {
            return package.CreateScorer();
        }
        catch (ModelLoadException ex)
        {
            throw new CliException(ExitCodes.Config, ex.Message);
        }
    }
}
