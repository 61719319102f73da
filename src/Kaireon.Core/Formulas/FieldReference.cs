namespace Kaireon.Core.Formulas;

/// <summary>Where a field reference points: the offer being decided, the stored customer profile, the request's attributes, or a behavioral metric value.</summary>
public enum FieldRoot { Offer, Customer, Attributes, Metrics }

/// <summary>
/// A field a formula reads, such as <c>offer.customFields.apr</c> or
/// <c>attributes.propensityScores["credit-cards"]</c>: a root and at least one path segment.
/// Resolved at evaluation time by an <see cref="IFieldResolver"/>.
/// </summary>
/// <remarks>Immutable. Two references to the same field have the same <see cref="Text"/>.</remarks>
public sealed class FieldReference
{
    private readonly string[] _segments;

    internal FieldReference(FieldRoot root, string[] segments)
    {
        Root = root;
        _segments = segments;
        Text = RootName(root) + string.Concat(segments.Select(s => IsPlain(s) ? "." + s : $"[\"{s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]"));
    }

    public FieldRoot Root { get; }

    /// <summary>The path below the root: <c>["customFields", "apr"]</c> for <c>offer.customFields.apr</c>. Never empty.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>The canonical spelling, e.g. <c>offer.customFields.apr</c>.</summary>
    public string Text { get; }

    /// <summary>The segments as a span, for walking nested data without copying.</summary>
    public ReadOnlySpan<string> Path => _segments;

    public override string ToString() => Text;

    /// <summary>The lowercase names roots are written with.</summary>
    public static string RootName(FieldRoot root) => root switch
    {
        FieldRoot.Offer => "offer",
        FieldRoot.Customer => "customer",
        FieldRoot.Attributes => "attributes",
        _ => "metrics",
    };

    public const string RootNames = "offer, customer, attributes or metrics";

    internal static FieldRoot? RootOf(string name) => name switch
    {
        "offer" => FieldRoot.Offer,
        "customer" => FieldRoot.Customer,
        "attributes" => FieldRoot.Attributes,
        "metrics" => FieldRoot.Metrics,
        _ => null,
    };

    private static bool IsPlain(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
