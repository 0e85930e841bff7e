namespace CourseKit.Grading.Compilation;

/// <summary>
/// What one question's answer may call, checked on the compiler's semantic model (so aliases, <c>using static</c> and
/// extension methods do not help). Every answer, whatever its rules, is refused reflection and names resolved at run
/// time, dynamic code, native interop, and the kit's own code outside <see cref="KitNamespaces"/>.
/// </summary>
/// <param name="TorchMembers">
/// When set, the only TorchSharp methods, properties and fields the answer may use (by name; types, operators,
/// conversions and enum values are always allowed): the tensor primitives an "implement it yourself" question builds
/// from, without the op it asks for or another op that computes it. Null: any TorchSharp member.
/// </param>
/// <param name="KitNamespaces">CourseKit namespaces the answer may use (e.g. the VAE a training question asks to train); none by default.</param>
/// <param name="AnyDotNet">
/// False (always, for graded questions): the answer keeps to the .NET allow-list — numbers, maths, tuples, delegates,
/// arrays, exceptions, collections, Linq, string building. True lifts that list (never the refusal of reflection and
/// interop) so that the sandbox's own tests can run code that reaches files, processes and threads, and show that the
/// sandbox contains it too (see <see cref="GraderOptions.TestTheSandboxWithAnyDotNet"/>).
/// </param>
public sealed record AnswerRules(IReadOnlyList<string>? TorchMembers = null, IReadOnlyList<string>? KitNamespaces = null, bool AnyDotNet = false)
{
    /// <summary>Any TorchSharp member, no kit code: for questions that use the library freely (filters, training).</summary>
    public static AnswerRules Library { get; } = new();

    /// <summary>
    /// Tensor primitives: shapes and views, indexing, creation, elementwise arithmetic, reductions, matrix products and
    /// padding; no convolution, pooling, unfolding, strided windows, autograd, TorchScript or loss functions.
    /// </summary>
    public static IReadOnlyList<string> TensorPrimitives { get; } =
    [
        // shape, dtype, device, lifetime
        "shape", "size", "dim", "ndim", "numel", "dtype", "device", "ElementSize", "IsInvalid", "Dispose", "NewDisposeScope",
        "MoveToOuterDisposeScope", "DetachFromDisposeScope", "item", "ToDouble", "ToSingle", "ToInt64", "ToInt32", "ToBoolean",
        "data", "values", "indices", "ToString", "Equals", "GetHashCode", "manual_seed", "no_grad", "is_floating_point",
        // views and copies
        "reshape", "view", "view_as", "reshape_as", "flatten", "unflatten", "squeeze", "unsqueeze", "permute", "transpose",
        "t", "T", "mT", "contiguous", "clone", "detach", "to_type", "to", "cpu", "type", "expand", "expand_as", "repeat",
        "repeat_interleave", "tile", "narrow", "slice", "select", "index_select", "gather", "take", "masked_select",
        "stack", "cat", "concatenate", "hstack", "vstack", "split", "chunk", "unbind", "flip", "fliplr", "flipud",
        "movedim", "swapaxes", "diagonal", "diag", "tril", "triu", "pad", "functional", "nn",
        // indexing
        "this[]", "Colon", "Slice", "Single", "Ellipsis", "None", "Tensor", "Bool", "index", "index_put_",
        // creation
        "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like", "empty_like", "arange", "linspace",
        "eye", "tensor", "from_array", "rand", "randn", "rand_like", "randn_like", "randint", "randperm", "normal",
        // arithmetic and comparison
        "add", "sub", "mul", "div", "neg", "abs", "exp", "log", "log1p", "log2", "log10", "sqrt", "rsqrt", "pow", "square",
        "reciprocal", "sign", "floor", "ceil", "round", "trunc", "frac", "fmod", "remainder", "maximum", "minimum",
        "clamp", "clamp_min", "clamp_max", "clip", "where", "masked_fill", "eq", "ne", "lt", "le", "gt", "ge", "isnan",
        "isinf", "isfinite", "logical_and", "logical_or", "logical_not", "nan_to_num", "sin", "cos", "tanh", "sigmoid", "exp2",
        "add_", "sub_", "mul_", "div_", "copy_", "zero_", "fill_", "clamp_", "neg_", "index_add_", "index_copy_", "masked_fill_",
        // reductions and products
        "sum", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "prod", "std", "var", "all", "any", "cumsum",
        "logsumexp", "allclose", "matmul", "mm", "bmm", "mv", "dot", "outer", "einsum", "tensordot",
    ];

    /// <summary>Tensor primitives only (an "implement it yourself" question).</summary>
    public static AnswerRules Primitives { get; } = new(TensorPrimitives);

    /// <summary>Tensor primitives and the named extra members (e.g. <c>softplus</c> for a loss built from it).</summary>
    public static AnswerRules PrimitivesAnd(params string[] members) => new([.. TensorPrimitives, .. members]);
}
