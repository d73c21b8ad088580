using System.Security.Cryptography;
using System.Text;

namespace DurableDags.Api.Security;

/// <summary>One configured API key: its name, the SHA-256 of the key (the key itself is not kept) and its roles.</summary>
public sealed class ApiKey
{
    private readonly byte[] _hash;

    public ApiKey(string name, string key, ApiRoles roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(key);
        Name = name;
        Roles = roles;
        _hash = Hash(key);
    }

    public string Name { get; }

    public ApiRoles Roles { get; }

    /// <summary>
    /// Compares hashes, so every comparison takes the same time whatever the presented key's length
    /// or how many of its first bytes match.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> presentedHash) => CryptographicOperations.FixedTimeEquals(_hash, presentedHash);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
