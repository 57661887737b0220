namespace AudioEdge.Evaluation;

/// <summary>One operating point of a score threshold.</summary>
public readonly record struct PrecisionRecallPoint(double Threshold, double Precision, double Recall);
