namespace CourseKit.Detection;

/// <summary>Average precision per class and their mean.</summary>
/// <param name="Map">Mean of <paramref name="PerClass"/> over the classes that have true objects.</param>
/// <param name="PerClass">AP of each class (NaN for a class without true objects).</param>
public sealed record MapResult(double Map, double[] PerClass);
