using System.Text.Json.Nodes;

namespace CourseKit.Notebooks.Model;

/// <summary>An .ipynb notebook (nbformat 4): its cells, its metadata and its format version.</summary>
public sealed class Notebook
{
    /// <summary>Creates a notebook with the given cells and metadata.</summary>
    public Notebook(IEnumerable<Cell> cells, JsonObject? metadata = null, int nbformat = 4, int nbformatMinor = 5)
    {
        Cells = [.. cells];
        Metadata = metadata ?? new JsonObject();
        NbFormat = nbformat;
        NbFormatMinor = nbformatMinor;
    }

    /// <summary>The cells, in order.</summary>
    public List<Cell> Cells { get; }

    /// <summary>The notebook metadata exactly as read (kernelspec, language_info, polyglot_notebook, …).</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>The major format version (always 4).</summary>
    public int NbFormat { get; set; }

    /// <summary>The minor format version; cell ids exist from 5 on.</summary>
    public int NbFormatMinor { get; set; }

    /// <summary>Top-level keys this model does not know, kept so a rewrite loses nothing.</summary>
    public JsonObject Extra { get; } = new();

    /// <summary>The code cells, in order.</summary>
    public IEnumerable<Cell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>A deep copy (outputs and metadata included), e.g. to execute without touching the original.</summary>
    public Notebook Clone()
    {
        var copy = new Notebook(Cells.Select(CloneCell), (JsonObject)Metadata.DeepClone(), NbFormat, NbFormatMinor);
        foreach (var (key, value) in Extra) copy.Extra[key] = value?.DeepClone();
        return copy;
    }

    private static Cell CloneCell(Cell cell)
    {
        var copy = new Cell(cell.CellType, cell.Source, cell.Id, (JsonObject)cell.Metadata.DeepClone()) { ExecutionCount = cell.ExecutionCount };
        copy.Outputs.AddRange(cell.Outputs.Select(o => (JsonObject)o.DeepClone()));
        foreach (var (key, value) in cell.Extra) copy.Extra[key] = value?.DeepClone();
        return copy;
    }
}
