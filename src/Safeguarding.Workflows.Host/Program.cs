using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Configuration;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsStyleConfiguration();
builder.AddHttpConventions();
builder.AddPartnerships();

var app = builder.Build();
app.UseHttpConventions();
app.MapPartnershipsApi();
app.MapCalendarApi();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
