using Kaireon.Core.Interactions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Tests.Hosting;

public sealed class InteractionOptionsTests
{
    [Fact]
    public async Task A_configured_day_cache_size_is_bound()
    {
        await using var app = new KaireonApp();
        await using var configured = app.WithWebHostBuilder(b => b.UseSetting("Kaireon:Interactions:DayCacheInteractions", "5000"));

        Assert.Equal(5000, configured.Services.GetRequiredService<IOptions<InteractionOptions>>().Value.DayCacheInteractions);
        Assert.Equal(CustomerDayCache.Capacity, app.Services.GetRequiredService<IOptions<InteractionOptions>>().Value.DayCacheInteractions);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    [InlineData("100000001")]
    public async Task A_day_cache_size_out_of_range_stops_the_start_naming_the_setting(string value)
    {
        await using var app = new KaireonApp();
        await using var configured = app.WithWebHostBuilder(b => b.UseSetting("Kaireon:Interactions:DayCacheInteractions", value));

        var failure = Assert.Throws<OptionsValidationException>(() => configured.Services);
        Assert.Contains(nameof(InteractionOptions.DayCacheInteractions), failure.Message);
    }
}
