using Safeguarding.Workflows.Host.Configuration;
using Safeguarding.Workflows.Host.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsStyleConfiguration();
builder.AddHttpConventions();

var app = builder.Build();
app.UseHttpConventions();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
