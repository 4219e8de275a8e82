using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace GccSaaS.Modules.Identity;

/// <summary>
/// The Data Protection key ring in <c>identity.data_protection_keys</c>, shared by every host: a cookie or
/// token protected by one host is read by any other. Keys are stored as Data Protection writes them: encrypted with the
/// deployment's certificate (<see cref="DataProtectionCertificate"/>), so the table holds no plaintext key material.
/// </summary>
internal sealed class DatabaseXmlRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM identity.data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var command = dataSource.CreateCommand(
            "INSERT INTO identity.data_protection_keys (friendly_name, xml, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.ExecuteNonQuery();
    }
}
