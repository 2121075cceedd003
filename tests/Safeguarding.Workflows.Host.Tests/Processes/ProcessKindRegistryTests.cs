using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Tests.Processes;

/// <summary>Each process kind registers once; generic code reads the registry, and a kind left out stops the service at start.</summary>
public sealed class ProcessKindRegistryTests
{
    [Fact]
    public void Every_kind_is_registered_once_with_its_plural_title_and_appendix_label()
    {
        using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        var kinds = factory.Services.GetRequiredService<ProcessGrains>().Registrations.ToList();

        Assert.Equal(
            [ProcessKinds.PracticeReview, ProcessKinds.RapidReview, ProcessKinds.Escalation, ProcessKinds.Meeting, ProcessKinds.AnnualReport, "drill"],
            kinds.Select(k => k.Kind));
        Assert.Equal(["practice-reviews", "rapid-reviews", "escalations", "meetings", "annual-reports", "drills"], kinds.Select(k => k.Plural));
        Assert.Equal("Rapid review", kinds.Single(k => k.Kind == ProcessKinds.RapidReview).Title);
        Assert.Equal(4, kinds.Count(k => k.AppendixLabel is not null)); // the annual report and drills are not counted in its appendix
    }

    [Fact]
    public void A_kind_left_out_of_the_registry_stops_the_service_at_start()
    {
        using var factory = new ServiceFactory(configureServices: services =>
        {
            var meeting = services.Single(d => d.ImplementationInstance is ProcessKindRegistration { Kind: ProcessKinds.Meeting });
            services.Remove(meeting);
        });

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Process kinds without a registration: MeetingGrain", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_names_every_grain_whose_kind_is_missing()
    {
        var grains = ProcessKindCheck.GrainClassesIn(typeof(ProcessKindCheck).Assembly).ToList();

        ProcessKindCheck.Check(grains, grains.Select(g => new ProcessKindRegistration(g.Name, g.Name, g.Name, g.GetInterfaces().First(i => i.Name == "I" + g.Name))));
        var refused = Assert.Throws<InvalidOperationException>(() => ProcessKindCheck.Check(grains, []));
        Assert.Contains("DrillGrain", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RapidReviewGrain", refused.Message, StringComparison.Ordinal);
    }
}
