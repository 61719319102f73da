using System.IO.Hashing;
using System.Text;

namespace Kaireon.Core.Randomness;

/// <summary>
/// A customer's place in [0, 1) for a split that must not change between decisions: an A/B
/// creative variant, a champion–challenger share. The same customer and salt land in the same
/// bucket in every process and version (XxHash64, seed 0); a different salt (the flow or
/// experiment id) reshuffles customers, so two experiments do not pick the same people.
/// </summary>
public static class StableBucket
{
    /// <summary>The bucket of <paramref name="customerId"/> under <paramref name="salt"/>, in [0, 1).</summary>
    public static double Of(string customerId, string salt) => Of(customerId, salt, "");

    /// <summary>As <see cref="Of(string, string)"/> with the salt <paramref name="salt"/> + <paramref name="saltSuffix"/>, without building that string.</summary>
    public static double Of(string customerId, string salt, string saltSuffix)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(saltSuffix);
        var length = Encoding.UTF8.GetByteCount(salt) + Encoding.UTF8.GetByteCount(saltSuffix) + 1 + Encoding.UTF8.GetByteCount(customerId);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(salt, bytes);
        written += Encoding.UTF8.GetBytes(saltSuffix, bytes[written..]);
        bytes[written++] = (byte)'|';
        Encoding.UTF8.GetBytes(customerId, bytes[written..]);
        // The top 53 bits make an exactly representable double in [0, 1).
        return (XxHash64.HashToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// Picks an index by weight for a stable bucket: the first whose cumulative share of the total
    /// exceeds <paramref name="bucket"/>. Weights are non-negative; all zero picks index 0.
    /// </summary>
    public static int Pick(double bucket, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += Math.Max(0, w);
        if (weights.IsEmpty) throw new ArgumentException("needs at least one weight.", nameof(weights));
        if (total <= 0) return 0;
        var target = bucket * total;
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += Math.Max(0, weights[i]);
            if (target < cumulative) return i;
        }
        // Rounding can leave target a hair above the sum: the last weighted index takes it.
        for (var i = weights.Length - 1; ; i--) if (weights[i] > 0) return i;
    }
}
