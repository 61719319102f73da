using System.Text.RegularExpressions;
using Kaireon.Core.Formulas;

namespace Kaireon.Core.Tests.Formulas;

/// <summary>docs/formulas.md is a fixture: its examples compile and its error table is what users get.</summary>
public sealed partial class FormulaDocsTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "formulas.md"));

    [Fact]
    public void The_opening_examples_compile()
    {
        var start = Array.IndexOf(Lines, "```text") + 1;
        var examples = Lines[start..Array.IndexOf(Lines, "```", start)];
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Null(Formula.Check(e)));
    }

    [Fact]
    public void The_error_table_shows_the_real_errors()
    {
        var rows = Lines.SkipWhile(l => l != "## Errors").Select(l => ErrorRow().Match(l)).Where(m => m.Success).ToList();
        Assert.True(rows.Count >= 5);
        foreach (var row in rows)
            Assert.Equal(row.Groups["error"].Value, Formula.Check(row.Groups["formula"].Value)?.ToString());
    }

    [GeneratedRegex(@"^\| `(?<formula>[^`]+)` \| (?<error>.+) \|$")]
    private static partial Regex ErrorRow();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", "formulas.md"))) return dir.FullName;
        throw new InvalidOperationException("docs/formulas.md not found above the test binaries.");
    }
}
