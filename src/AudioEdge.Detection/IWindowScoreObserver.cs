namespace AudioEdge.Detection;

/// <summary>Sees every window score (every hop, 100 ms), e.g. for <c>audioedge classify --frames</c> or telemetry.</summary>
public interface IWindowScoreObserver
{
    /// <summary>
    /// The model scored the window whose newest frame is centred at <paramref name="time"/> seconds;
    /// <paramref name="scores"/> are in the scorer's label order and valid only during the call.
    /// </summary>
    void WindowScored(double time, ReadOnlySpan<float> scores);
}
