using System.Text;
using Kaireon.Core.Triggers;

namespace Kaireon.Core.Tests.Triggers;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"firingId":"trf_1"}""");

    [Fact]
    public void The_signature_is_hmac_sha256_over_timestamp_dot_body()
    {
        // Computed independently: printf '1773651600.{"firingId":"trf_1"}' | openssl dgst -sha256 -hmac 'secret-0123456789'
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("secret-0123456789"), Encoding.UTF8.GetBytes("1773651600." + """{"firingId":"trf_1"}""")));
        Assert.Equal(expected, WebhookSignature.Sign("secret-0123456789", 1773651600, Body));
    }

    [Fact]
    public void Verification_fails_for_another_body_timestamp_or_secret()
    {
        var signature = WebhookSignature.Sign("secret-0123456789", 100, Body);
        Assert.True(WebhookSignature.Verify("secret-0123456789", "100", signature, Body));
        Assert.False(WebhookSignature.Verify("secret-0123456789", "101", signature, Body));
        Assert.False(WebhookSignature.Verify("secret-9876543210", "100", signature, Body));
        Assert.False(WebhookSignature.Verify("secret-0123456789", "100", signature, [.. Body, (byte)' ']));
    }
}
