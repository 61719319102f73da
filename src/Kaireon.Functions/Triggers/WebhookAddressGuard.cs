using System.Net;
using System.Net.Sockets;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// The SSRF guard of webhook deliveries: a webhook may only connect to a public address. Loopback,
/// private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata —,
/// fe80::/10), carrier-grade NAT (100.64/10), unspecified, multicast and reserved ranges are refused
/// unless the tenant's settings allow-list the URL's host (<c>webhookAllowedHosts</c>). Checked on the
/// address actually connected to (after DNS), so a name that resolves to a private address is refused too.
/// </summary>
public static class WebhookAddressGuard
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc
                || address.IsIPv6Teredo);
        }
        return false;
    }

    /// <summary>Whether <paramref name="host"/> (a URL's host) is on the tenant's allow-list (case-insensitive, exact).</summary>
    public static bool IsAllowListed(string host, IReadOnlyCollection<string>? allowedHosts) =>
        allowedHosts is not null && allowedHosts.Any(h => string.Equals(h.Trim().TrimStart('[').TrimEnd(']'), host.TrimStart('[').TrimEnd(']'), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A webhook address the guard refused: never connected to.</summary>
public sealed class WebhookAddressRefusedException(string message) : HttpRequestException(message);
