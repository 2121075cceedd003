using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>The Liquid engine (Fluid) as the catalogue and the renderer share it: one parser, one set of options.</summary>
internal static class Liquid
{
    public static readonly FluidParser Parser = new();

    public static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithStrictFilters(true)
        // Values are looked up by their exact key, as processes spell them.
        .WithModelNamesComparer(StringComparer.Ordinal)
        .WithCultureInfo(CultureInfo.InvariantCulture)
        // A runaway loop ({% for n in (1..paperCount) %} with a wild count) stops rather than filling memory.
        .WithMaxSteps(100_000)
        .AddFilter("long_date", (input, _, context) => StringValue.Create(LiquidFilters.LongDate(input.ToStringValue(context))))
        .AddFilter("london_time", (input, _, context) => StringValue.Create(LiquidFilters.LondonTime(input.ToStringValue(context))))
        .Build();

    public static bool IsFilter(string name) => Options.Filters.TryGetValue(name, out _);
}
