using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Safeguarding.Workflows.Domain.Tests")]
