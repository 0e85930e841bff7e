using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

namespace CourseKit.Notebooks.Execution;

/// <summary>One finished code cell, reported while a notebook runs.</summary>
/// <param name="Location">The cell.</param>
/// <param name="CodeCellNumber">Which code cell this is (from 1).</param>
/// <param name="CodeCellCount">How many code cells the notebook has.</param>
/// <param name="Result">How it ended.</param>
public sealed record CellRun(CellLocation Location, int CodeCellNumber, int CodeCellCount, CellResult Result);
