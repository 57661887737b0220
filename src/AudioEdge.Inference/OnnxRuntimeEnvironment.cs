using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace AudioEdge.Inference;

/// <summary>Process-wide ONNX Runtime set-up that must happen before the first session: telemetry off.</summary>
/// <remarks>
/// ONNX Runtime 1.31's Linux build carries Microsoft's 1DS telemetry client: on first use it writes a device id and
/// an event store to <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/</c> (found holding 548 queued events with
/// the OS, the executable path and runtime errors on a development machine) for upload over HTTPS. A privacy
/// product sends nothing anywhere but its own MQTT broker and writes nothing but its outbox, so telemetry is
/// switched off before the library is initialised. <c>ORT_DISABLE_TELEMETRY</c> is read by the native library
/// through getenv, which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach,
/// hence libc's setenv; <see cref="OrtEnv.DisableTelemetryEvents"/> covers the event API as well.
/// </remarks>
public static partial class OnnxRuntimeEnvironment
{
    /// <summary>The variable ONNX Runtime reads to leave its telemetry client off.</summary>
    public const string DisableTelemetryVariable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Idempotent and thread-safe; every path into ONNX Runtime in this project calls it first.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Overwrite: an inherited ORT_DISABLE_TELEMETRY=0 must not turn it back on.
            if (SetNativeEnvironmentVariable(DisableTelemetryVariable, "1", 1) != 0)
            {
                throw new InvalidOperationException($"setenv({DisableTelemetryVariable}) failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }

        Environment.SetEnvironmentVariable(DisableTelemetryVariable, "1"); // child processes and .NET's own view
        OrtEnv.Instance().DisableTelemetryEvents();
        return true;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetNativeEnvironmentVariable(string name, string value, int overwrite);
}
