using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AudioEdge.Testing;

/// <summary>
/// The real mosquitto (Debian's /usr/sbin/mosquitto) on free loopback ports, configured in a private temporary folder:
/// a plain listener on <see cref="Port"/>, optionally a TLS listener on <see cref="TlsPort"/>, anonymous or password
/// access, an optional ACL, and persistence, so a <see cref="Stop"/> / <see cref="Start"/> cycle keeps retained
/// messages, persistent sessions and the QoS 1 messages queued for them. <see cref="Restart"/> reuses the same ports.
/// Linked into test projects from tests/Shared; needs only the BCL and NUnit.
/// </summary>
internal sealed class MosquittoBroker : IDisposable
{
    /// <summary>Where Debian's mosquitto package puts the broker.</summary>
    public const string Executable = "/usr/sbin/mosquitto";

    /// <summary>Where Debian's mosquitto package puts the password tool.</summary>
    public const string PasswordTool = "/usr/bin/mosquitto_passwd";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly MosquittoBrokerOptions _options;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private bool _disposed;

    /// <summary>Writes the configuration (nothing runs until <see cref="Start"/>).</summary>
    public MosquittoBroker(MosquittoBrokerOptions? options = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is not installed: apt-get install mosquitto (tools/setup-debian.sh does).");
        }

        _options = options ?? new MosquittoBrokerOptions();
        Directory = System.IO.Directory.CreateTempSubdirectory("audioedge-mosquitto-").FullName;
        Port = FreePort();
        TlsPort = _options.Tls is null ? null : FreePort();
        ConfigFile = Path.Combine(Directory, "mosquitto.conf");
        LogFile = Path.Combine(Directory, "mosquitto.log");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "data"));
        WriteConfiguration();
    }

    /// <summary>The address every listener binds to.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The plain MQTT listener.</summary>
    public int Port { get; }

    /// <summary>The TLS listener, when <see cref="MosquittoBrokerOptions.Tls"/> was given.</summary>
    public int? TlsPort { get; }

    /// <summary>The temporary folder holding configuration, log and persistence.</summary>
    public string Directory { get; }

    /// <summary>The generated mosquitto.conf.</summary>
    public string ConfigFile { get; }

    /// <summary>mosquitto's log (connections, refusals, TLS errors).</summary>
    public string LogFile { get; }

    /// <summary>True while the broker process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts mosquitto and returns once the plain (and TLS) port accepts connections.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is already running.");
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ConfigFile);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!(Accepts(Port) && (TlsPort is not int tls || Accepts(tls))))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode} at start: {Diagnostics()}");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"mosquitto did not accept connections on port {Port} within {StartTimeout.TotalSeconds} s: {Diagnostics()}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Stops mosquitto gracefully (SIGTERM): it saves its persistence database and closes every connection.</summary>
    public void Stop()
    {
        Process? process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        RunTool("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        if (!process.WaitForExit(StopTimeout))
        {
            process.Kill();
            process.WaitForExit();
        }

        process.WaitForExit(); // flushes the redirected output
        process.Dispose();
        _process = null;
    }

    /// <summary>Kills mosquitto with SIGKILL (a crash): nothing is saved since the last autosave.</summary>
    public void Kill()
    {
        Process? process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        process.Kill();
        process.WaitForExit();
        process.Dispose();
        _process = null;
    }

    /// <summary><see cref="Stop"/> then <see cref="Start"/> on the same ports.</summary>
    public void Restart()
    {
        Stop();
        Start();
    }

    /// <summary>mosquitto's log file so far (empty if it has not written one yet).</summary>
    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
    }

    /// <summary>Stops the broker and deletes its folder.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Stop();
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private void WriteConfiguration()
    {
        bool allowAnonymous = _options.AllowAnonymous ?? _options.Users.Count == 0;
        var config = new StringBuilder();
        config.AppendLine("# Generated by AudioEdge's MosquittoBroker test fixture.");
        if (Environment.UserName == "root")
        {
            // Started as root, mosquitto would switch to the 'mosquitto' user, which cannot read this temp folder.
            config.AppendLine("user root");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(allowAnonymous ? "true" : "false")}");
        if (_options.Users.Count > 0)
        {
            string passwordFile = Path.Combine(Directory, "passwords");
            bool first = true;
            foreach ((string user, string password) in _options.Users)
            {
                List<string> arguments = first ? ["-c", "-b", passwordFile, user, password] : ["-b", passwordFile, user, password];
                RunTool(PasswordTool, arguments);
                first = false;
            }

            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }

        if (_options.AclFileContent is not null)
        {
            string aclFile = Path.Combine(Directory, "acl");
            File.WriteAllText(aclFile, _options.AclFileContent);
            config.AppendLine(CultureInfo.InvariantCulture, $"acl_file {aclFile}");
        }

        config.AppendLine("persistence true");
        config.AppendLine(CultureInfo.InvariantCulture, $"persistence_location {Path.Combine(Directory, "data")}/");
        config.AppendLine("max_queued_messages 100000");
        config.AppendLine(CultureInfo.InvariantCulture, $"log_dest file {LogFile}");
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        config.AppendLine("log_type notice");
        config.AppendLine("log_type information");
        config.AppendLine("log_type subscribe");
        config.AppendLine("connection_messages true");
        config.AppendLine("log_timestamp_format %H:%M:%S");
        config.AppendLine();
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");
        if (_options.Tls is TestCertificates tls && TlsPort is int tlsPort)
        {
            config.AppendLine();
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {tlsPort} {Host}");
            config.AppendLine(CultureInfo.InvariantCulture, $"cafile {tls.CaCertificateFile}");
            config.AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.ServerCertificateFile}");
            config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.ServerKeyFile}");
            config.AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(_options.RequireClientCertificate ? "true" : "false")}");
        }

        File.WriteAllText(ConfigFile, config.ToString());
    }

    private static void RunTool(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {error.Result}");
        }
    }

    private static int FreePort()
    {
        // Bind to port 0, read the port the kernel chose, release it. Another process could take it in between;
        // on a test machine that is rare enough, and Start fails loudly if it happens.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Diagnostics()
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        return $"output: {output.Trim()} log: {ReadLog().Trim()}";
    }
}
