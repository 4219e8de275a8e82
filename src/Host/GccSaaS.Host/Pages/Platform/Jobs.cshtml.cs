using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages.Platform;

/// <summary>
/// The operators' view of the clustered jobs (no Quartz dashboard package exists here): each job's
/// trigger state, last and next run, last success and last failure, as every host sees them.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class JobsModel(IJobStatusReader jobs) : PageModel
{
    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Jobs = await jobs.ReadAsync(cancellationToken);
}
