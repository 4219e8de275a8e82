using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GccSaaS.Modules.Identity;

/// <summary>Stops the host at start when the key ring has no certificate, with a message that says what to set.</summary>
internal sealed class DataProtectionCertificateCheck(string problem) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(problem);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The certificate that encrypts the Data Protection key ring at rest (issue 18; <see cref="DatabaseXmlRepository"/> keeps
/// the ring in the database, so without it anyone who reads the table could forge cookies). A deployment supplies a PFX:
/// <c>DataProtection:CertificatePath</c> and <c>DataProtection:CertificatePassword</c> (environment variables
/// <c>DataProtection__CertificatePath</c>, <c>DataProtection__CertificatePassword</c>). Development and tests (or
/// <c>DataProtection:GenerateCertificate=true</c>) generate a self-signed one on first start into
/// <c>DataProtection:GeneratedCertificatePath</c> (by default in the user's local application data, outside any
/// repository), and every later start (and every host on the machine) reuses it. Elsewhere a missing setting stops the
/// host at start with a message that says what to set.
/// </summary>
internal static class DataProtectionCertificate
{
    public const string Section = "DataProtection";

    private static readonly Lock Generating = new();

    /// <summary>The certificate, or (when none is configured and none may be generated) why not.</summary>
    public static bool TryLoad(
        IConfiguration configuration,
        IHostEnvironment environment,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out X509Certificate2? certificate,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        try
        {
            certificate = Load(configuration, environment);
            problem = null;
            return true;
        }
        catch (InvalidOperationException failure)
        {
            certificate = null;
            problem = failure.Message;
            return false;
        }
    }

    public static X509Certificate2 Load(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(Section);
        if (section["CertificatePath"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"DataProtection:CertificatePath names '{path}', which does not exist. Supply the PFX that encrypts the data-protection key ring.");
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        }

        var generate = section.GetValue<bool?>("GenerateCertificate")
            ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing"));
        if (!generate)
        {
            throw new InvalidOperationException(
                "The data-protection key ring must be encrypted at rest: set DataProtection:CertificatePath (and DataProtection:CertificatePassword) "
                + "to a PFX with a private key, or DataProtection:GenerateCertificate=true to generate a self-signed one (development only).");
        }

        var generated = section["GeneratedCertificatePath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "GccSaaS", "data-protection-development.pfx");
        return LoadOrGenerate(generated);
    }

    /// <summary>Reads the generated certificate, or makes it once (atomically: hosts starting together all end up with the same one).</summary>
    internal static X509Certificate2 LoadOrGenerate(string path)
    {
        lock (Generating)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
                var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temporary, NewSelfSigned());
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                try
                {
                    File.Move(temporary, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    File.Delete(temporary); // another process made it first: use theirs
                }
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        }
    }

    private static byte[] NewSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=GccSaaS data protection (development)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
