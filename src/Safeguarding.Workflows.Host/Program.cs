using Safeguarding.Workflows.Host.Configuration;
using Safeguarding.Workflows.Host.Email;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Notifications;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsStyleConfiguration();
builder.AddHttpConventions();
builder.Services.AddEmailDelivery(builder.Configuration);

var app = builder.Build();
app.UseHttpConventions();
app.MapOutboxApi();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
