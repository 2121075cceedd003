namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>
/// The message itself is wrong (a refused value, a missing template value, a bad link), so retrying cannot help: the
/// worker sends it straight to the poison queue, and tests fail loudly.
/// </summary>
public sealed class EmailContentException(string message, Exception? innerException = null) : Exception(message, innerException);
