using System.Net;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Api.PartnerCenterContract.PartnerCenterShapes;

namespace GccSaaS.IntegrationTests.Api.PartnerCenterContract;

/// <summary>
/// Issue 13 contract: carts, checkout, orders, subscriptions and support contacts as PARTNER-CENTER.md §5 documents them,
/// as far as GccSaaS serves them (docs/api.md, Ordering and the PC table) (R-ORD-2, R-PC-8, R-PC-9, R-PC-10).
/// </summary>
[Collection(PartnerCenterContractCollection.Name)]
public sealed class OrderingContractTests(PartnerCenterContractFixture fixture)
{
    [Fact]
    public async Task PC_5_1_to_5_4_a_cart_is_created_checked_out_into_an_order_and_its_subscription_has_a_support_contact()
    {
        using var api = await fixture.ProviderAsync();
        var customer = await AgreedCustomerAsync(api);

        // §5.1 create-a-cart: line items with catalogItemId, quantity, billingCycle (lowercase as in the examples), termDuration.
        var (created, cart) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts", """
            {
              "PartnerOnRecordAttestationAccepted": true,
              "LineItems": [ { "Id": 0, "CatalogItemId": "O365-E3", "Quantity": 5, "BillingCycle": "monthly", "TermDuration": "P1Y" } ]
            }
            """);
        Assert.True(created.StatusCode == HttpStatusCode.Created, cart.ToString());
        var cartId = cart.GetProperty("id").GetGuid();
        Assert.Equal("Active", cart.GetProperty("status").GetString());
        Assert.Equal(cart.GetProperty("creationTimestamp").GetDateTimeOffset().AddDays(7), cart.GetProperty("expirationTimestamp").GetDateTimeOffset());
        Assert.True(cart.GetProperty("lastModifiedTimestamp").TryGetDateTimeOffset(out _));
        var line = Assert.Single(cart.GetProperty("lineItems").EnumerateArray());
        Assert.Equal("O365-E3", line.GetProperty("catalogItemId").GetString());
        Assert.Equal(5, line.GetProperty("quantity").GetInt32());
        Assert.Equal("P1Y", line.GetProperty("termDuration").GetString());
        Assert.Equal("Cart", cart.GetProperty("attributes").GetProperty("objectType").GetString());

        // §5.1 checkout: no body; 201 CartCheckoutResult { orders[], orderErrors[] }.
        var (checkedOut, result) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts/{cartId}/checkout");
        Assert.True(checkedOut.StatusCode == HttpStatusCode.Created, result.ToString());
        Assert.Empty(result.GetProperty("orderErrors").EnumerateArray());
        var order = Assert.Single(result.GetProperty("orders").EnumerateArray());
        var orderLine = Assert.Single(order.GetProperty("lineItems").EnumerateArray());
        Assert.Equal(0, orderLine.GetProperty("lineItemNumber").GetInt32());
        Assert.Equal("O365-E3", orderLine.GetProperty("offerId").GetString());
        var subscriptionId = orderLine.GetProperty("subscriptionId").GetGuid();
        Assert.Equal("Order", order.GetProperty("attributes").GetProperty("objectType").GetString());

        // §5.2 orders of the customer.
        var (_, orders) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{customer}/orders");
        var listed = Assert.Single(AssertCollection(orders));
        Assert.Equal(order.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        Assert.Contains(listed.GetProperty("status").GetString(), new[] { "completed", "pending" });

        // §5.3 subscriptions: status lowercase, partnerId (no reseller of record: null), attributes.objectType.
        var (_, subscriptions) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{customer}/subscriptions");
        var subscription = Assert.Single(AssertCollection(subscriptions));
        Assert.Equal(subscriptionId, subscription.GetProperty("id").GetGuid());
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(5, subscription.GetProperty("quantity").GetInt32());
        Assert.Equal(JsonValueKind.True, subscription.GetProperty("autoRenewEnabled").ValueKind);
        Assert.Equal("Subscription", subscription.GetProperty("attributes").GetProperty("objectType").GetString());

        // §5.4 the designated support contact defaults to the indirect provider.
        var (read, contact) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{customer}/subscriptions/{subscriptionId}/supportcontact");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(PartnerCenterContractFixture.ContosoPartnerId, contact.GetProperty("supportMpnId").GetString());
        Assert.False(string.IsNullOrEmpty(contact.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task PC_5_4_the_support_contact_is_set_to_a_partnered_reseller_with_partner_centers_put_body()
    {
        using var api = await fixture.ProviderAsync();
        var customer = await AgreedCustomerAsync(api);
        var subscription = await BoughtAsync(api, customer);

        var (put, contact) = await PartnerCenterCall.SendAsync(api, HttpMethod.Put, $"/v1/customers/{customer}/subscriptions/{subscription}/supportcontact", $$"""
            {
              "SupportTenantId": "{{PartnerCenterContractFixture.AdatumTenantId}}",
              "SupportMpnId": "{{PartnerCenterContractFixture.AdatumPartnerId}}",
              "Name": "Adatum",
              "Attributes": { "ObjectType": "SupportContact" }
            }
            """);

        Assert.True(put.StatusCode == HttpStatusCode.OK, contact.ToString());
        Assert.Equal(PartnerCenterContractFixture.AdatumPartnerId, contact.GetProperty("supportMpnId").GetString());
        Assert.Equal(PartnerCenterContractFixture.AdatumTenantId, contact.GetProperty("supportTenantId").GetGuid());
    }

    [Fact]
    public async Task PC_5_3_the_provider_as_reseller_of_record_is_partner_centers_2072_with_status_400()
    {
        using var api = await fixture.ProviderAsync();
        var customer = await AgreedCustomerAsync(api);
        var subscription = await BoughtAsync(api, customer);
        var (read, current) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{customer}/subscriptions/{subscription}");
        var etag = read.Headers.ETag?.Tag ?? string.Empty;
        Assert.Equal(etag, current.GetProperty("attributes").GetProperty("etag").GetString()); // §5.3 attributes.etag

        using var call = PartnerCenterCall.Of(HttpMethod.Patch, $"/v1/customers/{customer}/subscriptions/{subscription}",
            $$"""{ "partnerId": "{{PartnerCenterContractFixture.ContosoPartnerId}}" }""");
        call.Request.Headers.TryAddWithoutValidation("If-Match", etag);
        var (response, body) = await call.SendAsync(api);

        AssertError(response, body, 400, 2072, "provider_cannot_be_reseller_of_record");
    }

    private static async Task<Guid> AgreedCustomerAsync(HttpClient api)
    {
        var (created, customer) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(NewDomain("ord"), "Contract Orders"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, customer.ToString());
        var id = customer.GetProperty("id").GetGuid();
        var (agreed, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{id}/agreements", $$"""
            {
              "primaryContact": { "firstName": "Dana", "lastName": "Director", "email": "dana@orders.example" },
              "templateId": "117a77b0-9360-443b-8795-c6dedc750cf9",
              "dateAgreed": "{{DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}}T00:00:00Z",
              "type": "MicrosoftCustomerAgreement"
            }
            """);
        Assert.True(agreed.StatusCode == HttpStatusCode.Created, body.ToString());
        return id;
    }

    private static async Task<Guid> BoughtAsync(HttpClient api, Guid customer)
    {
        var (_, cart) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts", """
            { "PartnerOnRecordAttestationAccepted": true, "LineItems": [ { "CatalogItemId": "O365-E3", "Quantity": 5, "BillingCycle": "monthly", "TermDuration": "P1Y" } ] }
            """);
        var (checkedOut, result) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts/{cart.GetProperty("id").GetGuid()}/checkout");
        Assert.True(checkedOut.StatusCode == HttpStatusCode.Created, result.ToString());
        return result.GetProperty("orders")[0].GetProperty("lineItems")[0].GetProperty("subscriptionId").GetGuid();
    }
}
