using System.Security.Cryptography;

namespace Kaireon.Core.Validation;

/// <summary>Entity ids: client supplied (<c>[a-z0-9_-]</c>, 1–64 characters) or generated with the resource's prefix.</summary>
public static class EntityId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return false;
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-')) return false;
        }
        return true;
    }

    /// <summary>A new id: the prefix and 20 random base-32 characters (100 bits), lower case.</summary>
    public static string New(string prefix)
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        Span<char> chars = stackalloc char[20];
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] & 31];
        return string.Concat(prefix, chars);
    }
}
