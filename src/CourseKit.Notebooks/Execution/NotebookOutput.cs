namespace CourseKit.Notebooks.Execution;

/// <summary>One output of a code cell, in the shape of Jupyter's output types (nbformat 4).</summary>
public abstract record NotebookOutput;
