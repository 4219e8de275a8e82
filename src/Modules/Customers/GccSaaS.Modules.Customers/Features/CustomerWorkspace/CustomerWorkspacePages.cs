using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Customers.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>
/// The customer administrator's sign-in (ADR 0020): the customer tenant's admin user name and password; guesses are
/// throttled per name and per source with growing delays (issue 18), never by locking the account; unknown names
/// and wrong passwords get the same message. Signs in to the workspace's own cookie only.
/// </summary>
[AllowAnonymous]
internal sealed class CustomerSignInPageModel(CustomerAdministratorSignIn signIn, GuessThrottle throttle, IStringLocalizer<CustomersResource> l) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName?.Trim() ?? string.Empty;
        if (await throttle.RetryAfterAsync(HttpContext, CustomerAdministratorSignIn.Form, name) is { } wait)
        {
            Error = l["Workspace_SignInThrottled", GuessThrottleHttp.Seconds(wait)];
            Response.RefuseTooManyGuesses(wait);
            Password = string.Empty;
            return Page();
        }

        var outcome = await signIn.CheckAsync(name, Password, HttpContext.RequestAborted);
        if (outcome.Result == CustomerSignInResult.Succeeded)
        {
            await throttle.SucceededAsync(HttpContext, CustomerAdministratorSignIn.Form, name);
            await HttpContext.SignInAsync(
                CustomerWorkspaceAuthentication.Scheme,
                CustomerWorkspaceAuthentication.Principal(outcome.CustomerTenantId, outcome.UserName, outcome.CompanyName, outcome.CredentialStamp));
            return LocalRedirect(CustomerWorkspaceAuthentication.PathPrefix + "/licenses");
        }

        await throttle.FailedAsync(HttpContext, CustomerAdministratorSignIn.Form, name);
        Error = l["Workspace_SignInFailed"];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Password = string.Empty;
        return Page();
    }
}

/// <summary>Signing out ends every session of the administrator (a new credential stamp), not just this cookie.</summary>
[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerSignOutPageModel(CustomerAdministratorSignIn signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(CustomerWorkspaceAuthentication.PathPrefix + "/licenses");

    public async Task<IActionResult> OnPostAsync()
    {
        if (CustomerWorkspaceAuthentication.CustomerTenantOf(User) is { } customerTenantId)
        {
            await signIn.EndSessionsAsync(customerTenantId, HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(CustomerWorkspaceAuthentication.Scheme);
        return LocalRedirect(CustomerWorkspaceAuthentication.PathPrefix + "/sign-in");
    }
}

[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerWorkspaceHomePageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(CustomerWorkspaceAuthentication.PathPrefix + "/licenses");
}

/// <summary>The workspace pages' common part: the signed-in customer and its tenant scope.</summary>
internal abstract class CustomerWorkspacePageModel(IMediator mediator, CustomerWorkspaceSession session) : PortalPageModel(mediator)
{
    public WorkspaceCustomer Customer { get; private set; } = new(Guid.Empty, string.Empty, string.Empty, string.Empty);

    public string? Status { get; private set; }

    protected CustomerWorkspaceSession Session => session;

    /// <summary>Runs the page's work in the customer's own tenant scope; an administrator that is gone is signed out.</summary>
    protected async Task<IActionResult> InWorkspaceAsync(Func<Task<IActionResult>> work)
    {
        if (await session.CurrentAsync(HttpContext.RequestAborted) is not { } customer)
        {
            await HttpContext.SignOutAsync(CustomerWorkspaceAuthentication.Scheme);
            return LocalRedirect(CustomerWorkspaceAuthentication.PathPrefix + "/sign-in");
        }

        Customer = customer;
        Status = StatusForNextPage;
        if (Status is not null)
        {
            TempData.Remove("Status");
        }

        using (session.Enter(customer))
        {
            return await work();
        }
    }
}

/// <summary>
/// R-ORD-7: "Licenses": per product purchased, assigned and available (never a subscription, price, term, reseller
/// of record or order); the subscriptions the customer bought directly, as its own; assign and unassign by user.
/// </summary>
[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerLicensesPageModel(IMediator mediator, CustomerWorkspaceSession session, CustomerLicenseBook book, IStringLocalizer<CustomersResource> l)
    : CustomerWorkspacePageModel(mediator, session)
{
    [BindProperty]
    public string ProductId { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public IReadOnlyList<LicenseLine> Products { get; private set; } = [];

    public IReadOnlyList<DirectLicenseLine> Direct { get; private set; } = [];

    public IReadOnlyList<AssignmentLine> Assignments { get; private set; } = [];

    public IReadOnlyList<CustomerUserLine> Users { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => InWorkspaceAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAssignAsync() => InWorkspaceAsync(async () =>
    {
        var (succeeded, _) = await TrySendAsync(new AssignLicenseCommand(Customer.Id, ProductId, Email, Customer.UserName));
        if (succeeded)
        {
            StatusForNextPage = l["Workspace_AssignedStatus", Email.Trim()].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostUnassignAsync() => InWorkspaceAsync(async () =>
    {
        var (succeeded, _) = await TrySendAsync(new UnassignLicenseCommand(Customer.Id, ProductId, Email, Customer.UserName));
        if (succeeded)
        {
            StatusForNextPage = l["Workspace_UnassignedStatus", Email.Trim()].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    });

    private async Task LoadAsync()
    {
        var cancellation = HttpContext.RequestAborted;
        Products = await book.ProductsAsync(Customer.Id, cancellation);
        Direct = await book.DirectAsync(Customer.Id, cancellation);
        Assignments = await book.AssignmentsAsync(Customer.Id, Products, cancellation);
        Users = await book.UsersAsync(Customer.Id, null, CustomerLicenseBook.MaxRows, cancellation);
    }
}

/// <summary>R-ORD-7: the customer's users (name, e-mail), keyset-paged by e-mail, and adding one.</summary>
[Authorize(Policy = CustomerWorkspaceAuthentication.Policy)]
internal sealed class CustomerUsersPageModel(IMediator mediator, CustomerWorkspaceSession session, CustomerLicenseBook book, IStringLocalizer<CustomersResource> l)
    : CustomerWorkspacePageModel(mediator, session)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public IReadOnlyList<CustomerUserLine> Users { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public Task<IActionResult> OnGetAsync() => InWorkspaceAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAsync() => InWorkspaceAsync(async () =>
    {
        var (succeeded, _) = await TrySendAsync(new AddCustomerUserCommand(Customer.Id, DisplayName, Email, Customer.UserName));
        if (succeeded)
        {
            StatusForNextPage = l["Workspace_UserAdded", DisplayName.Trim()].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    });

    private async Task LoadAsync()
    {
        var page = await book.UsersAsync(Customer.Id, After, PageSize + 1, HttpContext.RequestAborted);
        Users = [.. page.Take(PageSize)];
        NextAfter = page.Count > PageSize ? Users[^1].Email : null;
    }
}
