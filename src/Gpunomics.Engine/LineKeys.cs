using System.Text;

namespace Gpunomics;

/// <summary>Line keys (<c>capitalCharge</c>) as the words a table shows (<c>capital charge</c>).</summary>
public static class LineKeys
{
    /// <summary>The key's words in lower case, split where a capital letter starts a word.</summary>
    public static string Words(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder(key.Length + 4);
        foreach (var c in key)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
