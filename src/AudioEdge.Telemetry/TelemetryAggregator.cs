using System.Text.RegularExpressions;
using AudioEdge.Dsp;

namespace AudioEdge.Telemetry;

/// <summary>
/// Accumulates one interval of telemetry and turns it into a <see cref="TelemetryReport"/>. The audio and inference
/// threads call the <c>Record*</c> methods (every 100 ms, some per frame batch); they take a short lock, do a few
/// hundred arithmetic operations at most and allocate nothing. <see cref="TakeReport"/> (every few minutes) builds
/// the report and starts the next interval. Thread-safe.
/// </summary>
/// <remarks>
/// Only aggregates are kept: histograms of block levels, scores and latencies, counters, and the 8 sums of the
/// spectral profile. No sample, frame or score sequence is stored, so nothing finer can leak even by mistake. The
/// spectral profile is released with differential privacy (<see cref="PrivateSpectralProfile"/>, ε from
/// <see cref="TelemetryOptions.Epsilon"/> per report); the other fields are coarse and carry no noise.
/// </remarks>
public sealed partial class TelemetryAggregator
{
    /// <summary>Most labels of either kind; with <see cref="MaxLabelLength"/> this keeps a report under 2 KiB.</summary>
    public const int MaxLabels = 6;

    /// <summary>Longest label (<c>[a-z0-9_]</c>).</summary>
    public const int MaxLabelLength = 32;

    /// <summary>Longest device id (<c>[a-zA-Z0-9_-]</c>).</summary>
    public const int MaxDeviceIdLength = 64;

    /// <summary>Longest model id@version.</summary>
    public const int MaxModelLength = 64;

    /// <summary>A sample at or above this magnitude counts as clipped.</summary>
    public const float ClipThreshold = 0.999f;

    private const int ScoreBins = 10;

    private readonly Lock _gate = new();
    private readonly string[] _scoreLabels;
    private readonly string[] _detectionLabels;
    private readonly int[] _scoreCounts;
    private readonly int[] _detectionCounts;
    private readonly AudioLevelHistogram _levels = new();
    private readonly LatencyHistogram _latency = new();
    private readonly PrivateSpectralProfile? _profile;
    private readonly double _epsilon;
    private readonly SystemStatsReader? _systemStats;
    private readonly Random _noise;
    private readonly string _deviceId;
    private string _model;
    private long _clippedSamples;
    private long _droppedSamples, _overruns, _reconnects;                 // deltas in this interval
    private long _lastDroppedSamples, _lastOverruns, _lastReconnects;     // cumulative values last seen
    private DateTimeOffset _intervalStart;

    /// <summary>Starts the first interval at <paramref name="intervalStart"/>.</summary>
    /// <param name="deviceId">The device id of the reports.</param>
    /// <param name="model">The model, id@version (changeable later through <see cref="Model"/>).</param>
    /// <param name="scoreLabels">The model's labels, in the order of the scores passed to <see cref="RecordWindowScores"/>.</param>
    /// <param name="detectionLabels">The event labels <see cref="RecordDetection"/> accepts (smoke_alarm, co_alarm, glass_break).</param>
    /// <param name="options">Epsilon and whether the spectral profile is released.</param>
    /// <param name="intervalStart">When the first interval starts.</param>
    /// <param name="systemStats">CPU, memory and temperature source; null leaves those fields null.</param>
    /// <param name="noiseRandom">Source of the privacy noise; default <see cref="CryptographicRandom"/>. Tests pass a seeded <see cref="Random"/>.</param>
    /// <param name="frontEnd">The front end producing the frames given to <see cref="RecordLogMelFrames"/> (default: the product's).</param>
    /// <exception cref="ArgumentException">Invalid ids, labels or options; the message lists every problem.</exception>
    public TelemetryAggregator(
        string deviceId,
        string model,
        IReadOnlyList<string> scoreLabels,
        IReadOnlyList<string> detectionLabels,
        TelemetryOptions options,
        DateTimeOffset intervalStart,
        SystemStatsReader? systemStats = null,
        Random? noiseRandom = null,
        FrontEndOptions? frontEnd = null)
    {
        ArgumentNullException.ThrowIfNull(scoreLabels);
        ArgumentNullException.ThrowIfNull(detectionLabels);
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>(options.Validate());
        if (string.IsNullOrEmpty(deviceId) || deviceId.Length > MaxDeviceIdLength || !DeviceIdPattern().IsMatch(deviceId))
        {
            problems.Add($"The device id must be 1..{MaxDeviceIdLength} characters of a-z, A-Z, 0-9, '_' or '-' (was '{deviceId}').");
        }

        problems.AddRange(ModelProblems(model));
        problems.AddRange(LabelProblems("score", scoreLabels));
        problems.AddRange(LabelProblems("detection", detectionLabels));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid telemetry settings: " + string.Join(" ", problems));
        }

        _deviceId = deviceId;
        _model = model;
        _scoreLabels = [.. scoreLabels];
        _detectionLabels = [.. detectionLabels];
        _scoreCounts = new int[_scoreLabels.Length * ScoreBins];
        _detectionCounts = new int[_detectionLabels.Length];
        _profile = options.SpectralProfileEnabled ? new PrivateSpectralProfile(frontEnd) : null;
        _epsilon = options.Epsilon;
        _systemStats = systemStats;
        _noise = noiseRandom ?? CryptographicRandom.Instance;
        _intervalStart = intervalStart;
    }

    /// <summary>The model reported from now on (id@version, at most <see cref="MaxModelLength"/> characters); set after a model reload.</summary>
    public string Model
    {
        get
        {
            lock (_gate)
            {
                return _model;
            }
        }

        set
        {
            List<string> problems = ModelProblems(value);
            if (problems.Count > 0)
            {
                throw new ArgumentException(problems[0], nameof(value));
            }

            lock (_gate)
            {
                _model = value;
            }
        }
    }

    /// <summary>The model's labels, in score order.</summary>
    public IReadOnlyList<string> ScoreLabels => _scoreLabels;

    /// <summary>The event labels counted in <c>detections</c>.</summary>
    public IReadOnlyList<string> DetectionLabels => _detectionLabels;

    /// <summary>One block of audio (16 kHz mono, normally 100 ms): its RMS level in dBFS and its clipped samples. Empty blocks are ignored.</summary>
    public void RecordAudioBlock(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        double sumOfSquares = 0;
        long clipped = 0;
        foreach (float sample in samples)
        {
            sumOfSquares += (double)sample * sample;
            if (MathF.Abs(sample) >= ClipThreshold)
            {
                clipped++;
            }
        }

        // Silence gives -∞ and NaN samples give NaN: both land in the bottom bin.
        double dbfs = 10 * Math.Log10(sumOfSquares / samples.Length);
        lock (_gate)
        {
            _levels.Add(dbfs);
            _clippedSamples += clipped;
        }
    }

    /// <summary>The model's scores for one window, one per <see cref="ScoreLabels"/> entry, in that order.</summary>
    /// <exception cref="ArgumentException">The number of scores is not the number of score labels.</exception>
    public void RecordWindowScores(ReadOnlySpan<float> scores)
    {
        if (scores.Length != _scoreLabels.Length)
        {
            throw new ArgumentException($"Expected {_scoreLabels.Length} scores (one per model label); got {scores.Length}.", nameof(scores));
        }

        lock (_gate)
        {
            for (int label = 0; label < scores.Length; label++)
            {
                float score = scores[label];
                int bin = score >= 0 ? Math.Min(ScoreBins - 1, (int)(score * ScoreBins)) : 0;   // NaN: bin 0
                _scoreCounts[(label * ScoreBins) + bin]++;
            }
        }
    }

    /// <summary>
    /// Log-mel frames (ln energy, frame-major, 64 values each for the default front end; one or more frames) for
    /// the spectral profile. Does nothing when the profile is disabled.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a whole number of frames.</exception>
    public void RecordLogMelFrames(ReadOnlySpan<float> logMelFrames)
    {
        if (_profile is null)
        {
            return;
        }

        lock (_gate)
        {
            _profile.AddFrames(logMelFrames);
        }
    }

    /// <summary>How long one model run took.</summary>
    public void RecordInferenceLatency(TimeSpan latency)
    {
        double milliseconds = latency.TotalMilliseconds;
        lock (_gate)
        {
            _latency.Add(milliseconds);
        }
    }

    /// <summary>One detected event.</summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is not one of <see cref="DetectionLabels"/>.</exception>
    public void RecordDetection(string label)
    {
        int index = Array.IndexOf(_detectionLabels, label);
        if (index < 0)
        {
            throw new ArgumentException($"'{label}' is not a detection label of this aggregator ({string.Join(", ", _detectionLabels)}).", nameof(label));
        }

        lock (_gate)
        {
            _detectionCounts[index]++;
        }
    }

    /// <summary>
    /// The audio source's cumulative counters; the report carries how much each grew in the interval. A counter
    /// that went down means the source was recreated: its new value counts from zero.
    /// </summary>
    public void RecordAudioSourceStatistics(long droppedSamples, long overruns, long reconnects)
    {
        lock (_gate)
        {
            _droppedSamples += Delta(droppedSamples, ref _lastDroppedSamples);
            _overruns += Delta(overruns, ref _lastOverruns);
            _reconnects += Delta(reconnects, ref _lastReconnects);
        }
    }

    /// <summary>The report for the interval from the previous call (or construction) to <paramref name="now"/>; starts the next interval.</summary>
    public TelemetryReport TakeReport(DateTimeOffset now)
    {
        // File reads happen outside the lock so that the audio thread never waits on procfs.
        SystemStats system = _systemStats?.Read() ?? default;
        lock (_gate)
        {
            double[]? profile = _profile?.Release(_epsilon, _noise);
            var detections = new Dictionary<string, int>(_detectionLabels.Length, StringComparer.Ordinal);
            for (int i = 0; i < _detectionLabels.Length; i++)
            {
                detections[_detectionLabels[i]] = _detectionCounts[i];
            }

            var histograms = new Dictionary<string, IReadOnlyList<int>>(_scoreLabels.Length, StringComparer.Ordinal);
            for (int i = 0; i < _scoreLabels.Length; i++)
            {
                histograms[_scoreLabels[i]] = _scoreCounts.AsSpan(i * ScoreBins, ScoreBins).ToArray();
            }

            var report = new TelemetryReport
            {
                DeviceId = _deviceId,
                IntervalStart = _intervalStart,
                IntervalEnd = now,
                Detections = detections,
                ScoreHistograms = histograms,
                AudioLevelDbfs = new AudioLevelPercentiles
                {
                    P10 = _levels.Percentile(0.10),
                    P50 = _levels.Percentile(0.50),
                    P90 = _levels.Percentile(0.90),
                },
                ClippedSamples = _clippedSamples,
                InferenceLatencyMs = new LatencyPercentiles
                {
                    P50 = _latency.Percentile(0.50),
                    P95 = _latency.Percentile(0.95),
                    P99 = _latency.Percentile(0.99),
                    Count = _latency.Count,
                },
                DroppedSamples = _droppedSamples,
                Overruns = _overruns,
                Reconnects = _reconnects,
                CpuPercent = system.CpuPercent,
                RssMb = system.RssMegabytes,
                CpuTemperatureC = system.CpuTemperatureCelsius,
                SpectralProfile = profile,
                Epsilon = profile is null ? null : _epsilon,
                Model = _model,
            };

            ResetInterval(now);
            return report;
        }
    }

    private void ResetInterval(DateTimeOffset start)
    {
        Array.Clear(_scoreCounts);
        Array.Clear(_detectionCounts);
        _levels.Reset();
        _latency.Reset();
        _profile?.Reset();
        _clippedSamples = 0;
        _droppedSamples = _overruns = _reconnects = 0;
        _intervalStart = start;
    }

    private static long Delta(long current, ref long last)
    {
        long delta = current >= last ? current - last : Math.Max(0, current);
        last = current;
        return delta;
    }

    private static List<string> ModelProblems(string? model)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(model) || model.Length > MaxModelLength || model.Any(char.IsControl))
        {
            problems.Add($"The model must be 1..{MaxModelLength} printable characters (was '{model}').");
        }

        return problems;
    }

    private static List<string> LabelProblems(string kind, IReadOnlyList<string> labels)
    {
        var problems = new List<string>();
        if (labels.Count is < 1 or > MaxLabels)
        {
            problems.Add($"There must be 1..{MaxLabels} {kind} labels (were {labels.Count}).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string label in labels)
        {
            if (string.IsNullOrEmpty(label) || label.Length > MaxLabelLength || !LabelPattern().IsMatch(label))
            {
                problems.Add($"A {kind} label must be 1..{MaxLabelLength} characters of a-z, 0-9 or '_' (was '{label}').");
            }
            else if (!seen.Add(label))
            {
                problems.Add($"The {kind} label '{label}' appears twice.");
            }
        }

        return problems;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex LabelPattern();
}
