using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>
/// Keeps webhooks away from the platform's own network (SSRF): an endpoint must be https (http only to loopback when
/// <see cref="WebhookOptions.AllowLoopback"/> is on), and every address its host resolves to must be public: loopback,
/// private (10/8, 172.16/12, 192.168/16), link-local and metadata (169.254/16), CGNAT (100.64/10), "this network",
/// multicast, IPv6 unique-local (fc00::/7) and link-local (fe80::/10) are refused. Checked at registration and again
/// at every connection (<see cref="WebhookSender"/>), against DNS rebinding.
/// </summary>
internal sealed class WebhookAddressGuard(IOptionsMonitor<WebhookOptions> options)
{
    public bool AllowLoopback => options.CurrentValue.AllowLoopback;

    /// <summary>The URL, checked and resolved; refused with a domain rule otherwise.</summary>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > Data.WebhookEndpointConfiguration.UrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookUrlInvalid, "The endpoint must be an absolute https URL without user information or fragment.", DomainErrorKind.RuleViolated);
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookAddressUnresolvable, "The endpoint's host name does not resolve.", DomainErrorKind.RuleViolated);
        }

        if (addresses.Any(a => !IsAllowed(a, AllowLoopback)))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookAddressForbidden, "The endpoint resolves to a loopback, private, link-local or metadata address.", DomainErrorKind.RuleViolated);
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(AllowLoopback && addresses.All(IPAddress.IsLoopback)))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookUrlNotHttps, "Webhook endpoints must use https.", DomainErrorKind.RuleViolated);
        }

        return uri;
    }

    /// <summary>True when a webhook may connect to the address (loopback only when allowed).</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // "this network"
                || b[0] == 10
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata (169.254.169.254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // CGNAT
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || b[0] >= 224); // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7 (also fd00:ec2::254, a metadata address)
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // link-local fe80::/10
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // site-local fec0::/10 (deprecated)
                || b[0] == 0xFF // multicast
                || address.IsIPv6SiteLocal || address.IsIPv6LinkLocal);
        }

        return false;
    }
}
