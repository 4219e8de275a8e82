namespace GccSaaS.Modules.Notifications;

/// <summary>The stable codes of the Notifications module's refusals, with their /v1 number and status (clients branch on them).</summary>
[ErrorCodeTable("NotificationsErrorCodes.csv")]
internal static partial class NotificationsErrorCodes;
