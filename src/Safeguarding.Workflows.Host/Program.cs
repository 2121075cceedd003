using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Configuration;
using Safeguarding.Workflows.Host.DevClock;
using Safeguarding.Workflows.Host.Drills;
using Safeguarding.Workflows.Host.Engine;
using Safeguarding.Workflows.Host.Health;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Operations;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsStyleConfiguration();
builder.AddHttpConventions();
builder.AddSecurity();
builder.Services.AddWorkflowStorage(builder.Configuration);
builder.Services.AddSingleton<Safeguarding.Workflows.Notifications.Email.EmailQueue>(); // TEMPORARY until the email branch merges
builder.AddWorkflowEngine();
builder.AddPartnerships();
builder.AddHealth();
builder.AddDrills();
builder.AddOperations();

var app = builder.Build();
app.UseHttpConventions();
app.UseSecurity();
app.MapHealth();
app.MapPartnershipsApi();
app.MapCalendarApi();
app.MapProcessesApi();
app.MapDevClockApi();
app.MapDrillsApi();
app.MapOperations();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
