using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// <c>MS-RequestId</c> idempotency around one endpoint (R-PC-10): the first request with an id runs and its
/// final answer (success or refusal) is stored; the same id with the same request gets that answer again
/// with <c>MS-Idempotent-Replay: true</c> and the handler does not run; the same id with a different
/// request is refused with 400 <c>request_id_reused</c>; while the first still runs, 409
/// <c>request_in_progress</c>. Failures without a final answer (5xx, unhandled exceptions) release the id,
/// so a retry runs afresh. Without the header a new id is made up and nothing is stored: it could never be
/// retried. Platform writes (<c>/v1/platform/…</c>, no tenant) keep their records per caller instead of per tenant
/// (<see cref="PostgresPlatformIdempotentRequestStore"/>). The claim and the handler's own transaction are separate, so a host that dies between the
/// handler's commit and the stored answer leaves a claim that a retry takes over once stale; handlers whose
/// writes must never repeat (checkout) also key on the request id.
/// </summary>
internal static partial class IdempotentWrites
{
    public static bool IsWriteMethod(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static RequestDelegate Wrap(RequestDelegate inner) => context => InvokeAsync(context, inner);

    private static async Task InvokeAsync(HttpContext context, RequestDelegate inner)
    {
        if (!IsWriteMethod(context.Request.Method))
        {
            await inner(context);
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<OneTimeSecretResponseMetadata>() is not null)
        {
            // The answer carries a secret shown once (R-CUS-2): it must not be stored for replay. The handler
            // keys its write on MS-RequestId itself and answers a retry without the secret.
            await inner(context);
            return;
        }

        var requestId = ApiRequestId.Get(context);
        if (requestId is null)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_input", "MS-RequestId must be a GUID.",
                new[] { new { field = ApiHeaders.RequestId, code = "not_a_guid" } });
            return;
        }

        if (!requestId.Supplied)
        {
            await inner(context);
            return;
        }

        IIdempotentRequestStore store;
        if (context.GetTenant() is not null)
        {
            store = context.RequestServices.GetRequiredService<IIdempotentRequestStore>();
        }
        else if (context.Request.Path.StartsWithSegments("/v1/platform", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var ownerId))
        {
            // A platform write (issue 18): no tenant, so its records are the caller's (the platform key's owner).
            store = context.RequestServices.GetRequiredService<PostgresPlatformIdempotentRequestStore>().For(ownerId);
        }
        else
        {
            await inner(context);
            return;
        }

        var path = context.Request.PathBase.Add(context.Request.Path).Value + context.Request.QueryString.Value;
        var key = new IdempotentRequestKey(requestId.Value, await HashAsync(context.Request, path, context.RequestAborted), context.Request.Method, path);
        var claim = await store.BeginAsync(key, context.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay when claim.Response is { } stored:
                await ReplayAsync(context, stored);
                return;
            case IdempotencyOutcome.Mismatch:
                await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "request_id_reused",
                    "This MS-RequestId was used for a different request. Use a new id for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                await ApiProblems.WriteAsync(context, StatusCodes.Status409Conflict, "request_in_progress",
                    "A request with this MS-RequestId is still running. Retry later with the same id to get its response.");
                return;
            default:
                await RunAndStoreAsync(context, inner, store, claim);
                return;
        }
    }

    private static async Task RunAndStoreAsync(HttpContext context, RequestDelegate inner, IIdempotentRequestStore store, IdempotencyClaim claim)
    {
        var response = context.Response;
        var originalBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            var failure = await RunCapturingAsync(context, inner);
            if (failure is not null)
            {
                // A refusal the exception handlers answer (400, 404, 409, …) is the request's final answer
                // and is stored like a success; anything else gives the id back and goes to the error handler.
                // A lost database is no answer at all: it goes on to the outage answer (503 + Retry-After), which a
                // retry with the same MS-RequestId then runs again (issue 18).
                buffer.SetLength(0);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = null;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.Location);
                if (context.RequestAborted.IsCancellationRequested || DatabaseOutage.Is(failure.SourceException)
                    || !await TryAnswerAsync(context, failure.SourceException))
                {
                    await ReleaseQuietlyAsync(context, store, claim);
                    failure.Throw();
                }
            }
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var body = buffer.ToArray();
        if (response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await ReleaseQuietlyAsync(context, store, claim);
        }
        else
        {
            var location = response.Headers.Location.ToString();
            var stored = new StoredResponse(response.StatusCode, response.ContentType, location.Length > 0 ? location : null, body);
            try
            {
                // Not the request's token: the work is done, its answer must be kept even if the client left.
                await store.CompleteAsync(claim, stored, CancellationToken.None);
            }
#pragma warning disable CA1031 // the client still gets its answer; a retry after the stale timeout runs again
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogNotStored(Logger(context), exception, claim.RequestId);
            }
        }

        if (body.Length > 0)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<ExceptionDispatchInfo?> RunCapturingAsync(HttpContext context, RequestDelegate inner)
    {
        try
        {
            await inner(context);
            return null;
        }
#pragma warning disable CA1031 // captured to decide between storing an answer and rethrowing it unchanged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ExceptionDispatchInfo.Capture(exception);
        }
    }

    private static async Task<bool> TryAnswerAsync(HttpContext context, Exception exception)
    {
        foreach (var handler in context.RequestServices.GetServices<IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(context, exception, context.RequestAborted))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task ReleaseQuietlyAsync(HttpContext context, IIdempotentRequestStore store, IdempotencyClaim claim)
    {
        try
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
#pragma warning disable CA1031 // the original failure matters more; a stale claim is taken over later anyway
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogNotReleased(Logger(context), exception, claim.RequestId);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        response.Headers[ApiHeaders.IdempotentReplay] = "true";
        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.Body.Length > 0)
        {
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    /// <summary>SHA-256 over method, path with query, and the raw body; the body is rewound for binding.</summary>
    private static async Task<byte[]> HashAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method.ToUpperInvariant() + "\n" + path + "\n"));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdempotentWrites).FullName ?? nameof(IdempotentWrites));

    [LoggerMessage(Level = LogLevel.Error, Message = "The response to MS-RequestId {RequestId} was sent but could not be stored for replay")]
    private static partial void LogNotStored(ILogger logger, Exception exception, Guid requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on MS-RequestId {RequestId} could not be released; it is taken over once stale")]
    private static partial void LogNotReleased(ILogger logger, Exception exception, Guid requestId);
}
