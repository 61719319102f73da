using System.Text.RegularExpressions;

namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>regex</c>: a match anywhere in a string value (<see cref="Regex.IsMatch(string)"/>). A match that
/// runs past the timeout evaluates false, so a catastrophic pattern costs one timeout per event, never a hang.
/// </summary>
internal sealed class RegexLeaf(ConditionLeaf leaf, Regex pattern) : LeafEvaluator(leaf)
{
    protected override bool Test(in ConditionValue value)
    {
        if (value.Text is not { } text) return false;
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
