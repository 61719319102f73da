using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Validation;

public sealed class EntityIdTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("bm_email_impression_7d", true)]
    [InlineData("with-dash_and_0123", true)]
    [InlineData("", false)]
    [InlineData("Upper", false)]
    [InlineData("with space", false)]
    [InlineData("slash/no", false)]
    [InlineData("dot.no", false)]
    public void Ids_are_lower_case_letters_digits_underscore_and_dash(string id, bool valid) => Assert.Equal(valid, EntityId.IsValid(id));

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        Assert.True(EntityId.IsValid(new string('a', 64)));
        Assert.False(EntityId.IsValid(new string('a', 65)));
    }

    [Fact]
    public void Generated_ids_carry_the_prefix_and_are_valid_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => EntityId.New("offer_")).ToList();

        Assert.All(ids, id => Assert.True(id.StartsWith("offer_", StringComparison.Ordinal) && EntityId.IsValid(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("_keys")]
    [InlineData("_system")]
    [InlineData("Default")]
    public void Reserved_and_malformed_tenant_ids_are_refused(string id) => Assert.False(TenantId.IsValid(id));
}
