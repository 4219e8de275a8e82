namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>Where the repository is, for tests that read its sources (which texts the pages ask for).</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GccSaaS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (GccSaaS.sln) is not above " + AppContext.BaseDirectory);
    }
}
