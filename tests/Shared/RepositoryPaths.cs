namespace AudioEdge.Testing;

/// <summary>Files of the repository itself (models/, tools/) for tests that use them. Linked into test projects from tests/Shared.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding AudioEdge.sln, found upwards from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AudioEdge.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("AudioEdge.sln not found above the test directory.");
        }
    }
}
