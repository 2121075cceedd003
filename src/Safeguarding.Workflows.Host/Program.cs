using Safeguarding.Workflows.Host.Calendar;
using Safeguarding.Workflows.Host.Configuration;
using Safeguarding.Workflows.Host.DevClock;
using Safeguarding.Workflows.Host.Drills;
using Safeguarding.Workflows.Host.Email;
using Safeguarding.Workflows.Host.Engine;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Health;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Operations;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.PracticeReviews;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Host.RapidReviews;
using Safeguarding.Workflows.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsStyleConfiguration();
builder.AddHttpConventions();
builder.Services.AddWorkflowStorage(builder.Configuration);
builder.AddEmail();
builder.AddWorkflowEngine();
builder.AddPartnerships();
builder.AddHealth();
builder.AddEscalations();
builder.AddDrills();
builder.AddOperations();
builder.AddRapidReviews();
builder.AddPracticeReviews();

var app = builder.Build();
app.UseHttpConventions();
app.MapHealth();
app.MapPartnershipsApi();
app.MapCalendarApi();
app.MapProcessesApi();
app.MapOutboxApi();
app.MapDevClockApi();
app.MapEscalationsApi();
app.MapDrillsApi();
app.MapOperations();
app.MapRapidReviewsApi();
app.MapPracticeReviewsApi();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
