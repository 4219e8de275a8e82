namespace GccSaaS.Modules.Validation.Data;

/// <summary>R-PC-2: a GCC validation code of a partner (tenant-owned).</summary>
internal sealed class ValidationCode : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string ValidationId { get; set; } = "";

    public Guid CaseId { get; set; }

    public Guid PartnerOrganisationId { get; set; }

    public string PartnerId { get; set; } = "";

    public string OrganizationName { get; set; } = "";

    public int MaxCreates { get; set; }

    public int RemainingCreates { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>Which customer consumed one use of a code (tenant-owned).</summary>
internal sealed class ValidationCodeUse : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string ValidationId { get; set; } = "";

    public Guid CustomerTenantId { get; set; }

    public DateTimeOffset UsedAt { get; set; }
}

/// <summary>SLA reminders already sent: one row per case and US business day (platform-level).</summary>
internal sealed class ValidationSlaReminder
{
    public Guid CaseId { get; set; }

    public DateOnly BusinessDay { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
