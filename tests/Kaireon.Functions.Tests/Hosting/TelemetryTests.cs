using Azure.Identity;
using Kaireon.Functions.Hosting;

namespace Kaireon.Functions.Tests.Hosting;

public sealed class TelemetryTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("InstrumentationKey=abc", false)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001", true)]
    [InlineData(" authorization = aad ; clientid = x ", true)]
    public void The_exporter_uses_a_managed_identity_exactly_when_the_authentication_string_asks_for_Entra(string? authentication, bool expected)
    {
        var credential = Telemetry.EntraCredential(authentication);
        Assert.Equal(expected, credential is ManagedIdentityCredential);
    }
}
