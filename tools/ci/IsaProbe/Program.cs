// Prints which hardware-intrinsic paths this process gets, e.g. under DOTNET_EnableHWIntrinsic=0,
// DOTNET_EnableAVX2=0 or qemu-aarch64, so the CI log shows which SIMD path each test run exercised.
// Usage: IsaProbe <label> [Name=true|false ...]; exits 1 when an expectation does not hold.
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

var features = new (string Name, bool Value)[]
{
    ("Vector128", Vector128.IsHardwareAccelerated),
    ("Vector256", Vector256.IsHardwareAccelerated),
    ("Vector512", Vector512.IsHardwareAccelerated),
    ("Sse42", Sse42.IsSupported),
    ("Avx2", Avx2.IsSupported),
    ("Avx512F", Avx512F.IsSupported),
    ("AdvSimd", AdvSimd.IsSupported),
    ("AdvSimdArm64", AdvSimd.Arm64.IsSupported),
};

string label = args.Length > 0 ? args[0] : "probe";
Console.WriteLine(
    $"isa-probe[{label}]: arch={RuntimeInformation.ProcessArchitecture} "
    + string.Join(' ', features.Select(f => $"{f.Name}={f.Value}")));

int exitCode = 0;
foreach (string expectation in args.Skip(1))
{
    string[] parts = expectation.Split('=', 2);
    int index = Array.FindIndex(features, f => string.Equals(f.Name, parts[0], StringComparison.OrdinalIgnoreCase));
    if (parts.Length != 2 || index < 0 || !bool.TryParse(parts[1], out bool expected))
    {
        Console.Error.WriteLine($"isa-probe[{label}]: bad expectation '{expectation}' (use Name=true|false)");
        return 2;
    }

    if (features[index].Value != expected)
    {
        Console.Error.WriteLine($"isa-probe[{label}]: expected {features[index].Name}={expected}, got {features[index].Value}");
        exitCode = 1;
    }
}

return exitCode;
