using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace AudioEdge.Benchmarking;

/// <summary>
/// What the bench ran on. Every value that cannot be read is null and shows as "n/a"; nothing here throws.
/// CPU capabilities come twice: from <c>/proc/cpuinfo</c> (what the silicon and kernel offer: x86 <c>flags</c>,
/// ARM <c>Features</c>) and from <see cref="System.Runtime.Intrinsics"/> (what .NET uses in this process).
/// </summary>
public sealed record HardwareFacts
{
    /// <summary>Process architecture, e.g. X64, Arm64.</summary>
    public string Architecture { get; init; } = RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>CPU model: x86 "model name"; on ARM the core named from "CPU implementer"/"CPU part" (e.g. ARM Cortex-A72).</summary>
    public string? CpuModel { get; init; }

    /// <summary>The board, e.g. "Raspberry Pi 4 Model B Rev 1.4" (cpuinfo "Model" or the device tree); null elsewhere.</summary>
    public string? Board { get; init; }

    /// <summary>Processors listed in /proc/cpuinfo.</summary>
    public int? Cores { get; init; }

    /// <summary>Processors this process may use (<see cref="Environment.ProcessorCount"/>, honours affinity and cgroup limits).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>ARM Advanced SIMD (NEON): cpuinfo "asimd".</summary>
    public bool? AdvSimd { get; init; }

    /// <summary>ARM dot product (SDOT/UDOT, int8 kernels): cpuinfo "asimddp". Present on the Pi 5 (Cortex-A76), absent on the Pi 4 (A72).</summary>
    public bool? DotProduct { get; init; }

    /// <summary>x86 AVX2: cpuinfo flag "avx2".</summary>
    public bool? Avx2 { get; init; }

    /// <summary>x86 VNNI (int8 dot product): "avx512_vnni" or "avx_vnni".</summary>
    public bool? Vnni { get; init; }

    /// <summary>What .NET accelerates here, e.g. "AdvSimd, Dp" or "Avx2, Avx512F".</summary>
    public string RuntimeIntrinsics { get; init; } = DescribeRuntimeIntrinsics();

    /// <summary>Reads /proc/cpuinfo and the device tree of this machine.</summary>
    public static HardwareFacts Probe()
    {
        HardwareFacts facts = ParseCpuInfo(ReadOrNull("/proc/cpuinfo"));
        if (facts.Board is null && ReadOrNull("/proc/device-tree/model") is { } model)
        {
            facts = facts with { Board = model.TrimEnd('\0', '\n', ' ') };
        }

        return facts;
    }

    /// <summary>The facts in a /proc/cpuinfo text (x86 or ARM); null text gives only the runtime's facts.</summary>
    public static HardwareFacts ParseCpuInfo(string? cpuinfo)
    {
        if (string.IsNullOrWhiteSpace(cpuinfo))
        {
            return new HardwareFacts();
        }

        int processors = 0;
        string? modelName = null, board = null, x86Flags = null, armFeatures = null, implementer = null;
        var parts = new List<string>();
        foreach (string raw in cpuinfo.Split('\n'))
        {
            int colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string key = raw[..colon].Trim();
            string value = raw[(colon + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "processor":
                    processors++;
                    break;
                case "model name":
                    modelName ??= value;
                    break;
                case "model":
                    // x86 has a numeric "model"; a Raspberry Pi's kernel puts the board name here.
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    {
                        board ??= value;
                    }

                    break;
                case "flags":
                    x86Flags ??= value;
                    break;
                case "features":
                    armFeatures ??= value;
                    break;
                case "cpu implementer":
                    implementer ??= value;
                    break;
                case "cpu part":
                    if (!parts.Contains(value))
                    {
                        parts.Add(value);
                    }

                    break;
            }
        }

        string? cpu = modelName;
        if (cpu is null && parts.Count > 0)
        {
            cpu = string.Join(" + ", parts.Select(p => ArmCoreName(implementer, p)));
        }

        HashSet<string>? flags = x86Flags is not null ? Words(x86Flags) : null;
        HashSet<string>? features = armFeatures is not null ? Words(armFeatures) : null;
        bool known = flags is not null || features is not null;
        return new HardwareFacts
        {
            CpuModel = cpu,
            Board = board,
            Cores = processors > 0 ? processors : null,
            AdvSimd = known ? features?.Contains("asimd") ?? false : null,
            DotProduct = known ? features?.Contains("asimddp") ?? false : null,
            Avx2 = known ? flags?.Contains("avx2") ?? false : null,
            Vnni = known ? flags is not null && (flags.Contains("avx512_vnni") || flags.Contains("avx_vnni")) : null,
        };
    }

    /// <summary>"ARM Cortex-A72" for implementer 0x41 part 0xd08; the raw ids for cores not in the table.</summary>
    public static string ArmCoreName(string? implementer, string part)
    {
        string? name = (implementer?.ToLowerInvariant(), part.ToLowerInvariant()) switch
        {
            ("0x41", "0xd03") => "ARM Cortex-A53",
            ("0x41", "0xd04") => "ARM Cortex-A35",
            ("0x41", "0xd05") => "ARM Cortex-A55",
            ("0x41", "0xd07") => "ARM Cortex-A57",
            ("0x41", "0xd08") => "ARM Cortex-A72",
            ("0x41", "0xd09") => "ARM Cortex-A73",
            ("0x41", "0xd0a") => "ARM Cortex-A75",
            ("0x41", "0xd0b") => "ARM Cortex-A76",
            ("0x41", "0xd0c") => "ARM Neoverse-N1",
            ("0x41", "0xd0d") => "ARM Cortex-A77",
            ("0x41", "0xd40") => "ARM Neoverse-V1",
            ("0x41", "0xd41") => "ARM Cortex-A78",
            ("0x41", "0xd49") => "ARM Neoverse-N2",
            ("0x41", "0xd4f") => "ARM Neoverse-V2",
            _ => null,
        };
        return name ?? $"implementer {implementer ?? "?"} part {part}";
    }

    private static string DescribeRuntimeIntrinsics()
    {
        var names = new List<string>();
        if (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            names.Add("AdvSimd");
        }

        if (Dp.IsSupported)
        {
            names.Add("Dp");
        }

        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            names.Add("Avx2");
        }

        if (Avx512F.IsSupported)
        {
            names.Add("Avx512F");
        }

        if (AvxVnni.IsSupported)
        {
            names.Add("AvxVnni");
        }

        return names.Count > 0 ? string.Join(", ", names) : "none";
    }

    private static HashSet<string> Words(string text) =>
        new(text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    internal static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
