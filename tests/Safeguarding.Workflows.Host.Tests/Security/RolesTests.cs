using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Tests.Security;

public sealed class RolesTests
{
    [Theory]
    [InlineData(Roles.BusinessUnit, Permission.Read, true)]
    [InlineData(Roles.BusinessUnit, Permission.Write, true)]
    [InlineData(Roles.BusinessUnit, Permission.BusinessUnit, true)]
    [InlineData(Roles.SafeguardingPartner, Permission.Read, true)]
    [InlineData(Roles.SafeguardingPartner, Permission.Write, true)]
    [InlineData(Roles.SafeguardingPartner, Permission.BusinessUnit, false)]
    [InlineData(Roles.Scrutineer, Permission.Read, true)]
    [InlineData(Roles.Scrutineer, Permission.Write, false)]
    [InlineData(Roles.Scrutineer, Permission.BusinessUnit, false)]
    [InlineData(Roles.ReadOnly, Permission.Read, true)]
    [InlineData(Roles.ReadOnly, Permission.Write, false)]
    [InlineData(Roles.ReadOnly, Permission.BusinessUnit, false)]
    [InlineData(Roles.AgencyContributor, Permission.Read, false)]
    [InlineData(Roles.AgencyContributor, Permission.Write, false)]
    [InlineData(Roles.AgencyContributor, Permission.BusinessUnit, false)]
    [InlineData(Roles.BusinessUnit, Permission.Operate, true)]
    [InlineData(Roles.SafeguardingPartner, Permission.Operate, false)]
    [InlineData(Roles.Scrutineer, Permission.Operate, false)]
    [InlineData(Roles.ReadOnly, Permission.Operate, false)]
    [InlineData(Roles.AgencyContributor, Permission.Operate, false)]
    [InlineData(Roles.Operator, Permission.Operate, true)]
    [InlineData(Roles.Operator, Permission.Read, false)]
    [InlineData(Roles.Operator, Permission.Write, false)]
    [InlineData(Roles.Operator, Permission.BusinessUnit, false)]
    [InlineData("administrator", Permission.Read, false)]
    public void The_role_table(string role, Permission permission, bool allowed) => Assert.Equal(allowed, Roles.Allows(role, permission));
}

public sealed class GrantTests
{
    [Theory]
    [InlineData("business-unit:staffordshire", "business-unit", "staffordshire")]
    [InlineData("read-only:*", "read-only", "*")]
    [InlineData(" scrutineer : solihull ", "scrutineer", "solihull")]
    public void Parses_role_and_partnership(string value, string role, string partnership)
    {
        Assert.True(Grant.TryParse(value, out var grant));
        Assert.Equal(new Grant(role, partnership), grant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("business-unit")]
    [InlineData("business-unit:")]
    [InlineData(":staffordshire")]
    [InlineData("Business-Unit:staffordshire")]
    [InlineData("administrator:staffordshire")]
    [InlineData("business-unit:staffordshire:extra")]
    [InlineData("operator:staffordshire")]
    public void Refuses_what_is_not_a_grant(string? value) => Assert.False(Grant.TryParse(value, out _));

    [Fact]
    public void A_star_covers_every_partnership_and_a_name_only_its_own()
    {
        Assert.True(new Grant(Roles.ReadOnly, "*").Covers("solihull"));
        Assert.True(new Grant(Roles.ReadOnly, "solihull").Covers("solihull"));
        Assert.False(new Grant(Roles.ReadOnly, "solihull").Covers("Solihull"));
        Assert.False(new Grant(Roles.ReadOnly, "solihull").Covers("staffordshire"));
    }

    [Fact]
    public void Operating_the_service_needs_a_grant_for_every_partnership()
    {
        Assert.True(new Grant(Roles.Operator, "*").Allows(Permission.Operate));
        Assert.True(new Grant(Roles.BusinessUnit, "*").Allows(Permission.Operate));
        Assert.False(new Grant(Roles.BusinessUnit, "staffordshire").Allows(Permission.Operate));
        Assert.True(new Grant(Roles.BusinessUnit, "staffordshire").Allows(Permission.BusinessUnit));
    }

    [Fact]
    public void Lists_are_comma_separated_and_all_or_nothing()
    {
        Assert.Equal([new Grant(Roles.Scrutineer, "solihull"), new Grant(Roles.ReadOnly, "staffordshire")], Grant.ParseList("scrutineer:solihull, read-only:staffordshire"));
        Assert.Null(Grant.ParseList("scrutineer:solihull,oops"));
        Assert.Null(Grant.ParseList(" , "));
    }
}

public sealed class ApiKeyHashTests
{
    [Fact]
    public void Is_the_lower_case_hex_sha256_of_the_key()
    {
        // printf %s 'abc' | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.Of("abc"));
        Assert.True(ApiKeyHash.IsValidHex(ApiKeyHash.Of("anything")));
        Assert.False(ApiKeyHash.IsValidHex("abc"));
        Assert.False(ApiKeyHash.IsValidHex(new string('g', 64)));
    }
}
