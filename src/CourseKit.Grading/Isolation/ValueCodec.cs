using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// Writes and reads the values that cross the process boundary: null, bool, int, long, double, string,
/// tensors (dtype, shape, raw bytes) and lists of these (tuples travel as lists). Nothing else crosses:
/// the parent never deserialises a type the child names.
/// </summary>
internal static class ValueCodec
{
    private enum Tag : byte { Null, Bool, Int, Long, Double, String, Tensor, List, Float }

    /// <summary>The largest tensor (in elements) either side accepts.</summary>
    public const long MaxTensorElements = 64L * 1024 * 1024;

    public static void Write(BinaryWriter w, object? value)
    {
        switch (value)
        {
            case null: w.Write((byte)Tag.Null); break;
            case bool b: w.Write((byte)Tag.Bool); w.Write(b); break;
            case int i: w.Write((byte)Tag.Int); w.Write(i); break;
            case long l: w.Write((byte)Tag.Long); w.Write(l); break;
            case float f: w.Write((byte)Tag.Float); w.Write(f); break;
            case double d: w.Write((byte)Tag.Double); w.Write(d); break;
            case string s: w.Write((byte)Tag.String); w.Write(s); break;
            case Tensor t: WriteTensor(w, t); break;
            case ITuple tuple:
                w.Write((byte)Tag.List); w.Write(tuple.Length);
                for (int k = 0; k < tuple.Length; k++) Write(w, tuple[k]);
                break;
            case System.Collections.IList list:
                w.Write((byte)Tag.List); w.Write(list.Count);
                foreach (object? item in list) Write(w, item);
                break;
            default:
                throw new NotSupportedException(
                    $"a value of type {value.GetType().Name} cannot be returned; return a Tensor, a number, a string, a tuple or a list of these.");
        }
    }

    private static void WriteTensor(BinaryWriter w, Tensor t)
    {
        if (t.IsInvalid) throw new ObjectDisposedException("tensor", "the returned tensor was already disposed.");
        using var cpu = t.detach().cpu().contiguous();
        if (cpu.numel() > MaxTensorElements)
            throw new NotSupportedException($"the returned tensor has {cpu.numel()} elements, more than the {MaxTensorElements} allowed.");
        w.Write((byte)Tag.Tensor);
        w.Write((int)cpu.dtype);
        w.Write((int)cpu.dim());
        foreach (long size in cpu.shape) w.Write(size);
        byte[] bytes = cpu.bytes.ToArray();
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    /// <summary>The most values (list items and leaves) one decoded message may hold.</summary>
    public const int MaxValues = 100_000;

    /// <summary>
    /// Reads one value. What it may allocate is bounded by the message: at most <see cref="MaxValues"/> values, 8 levels
    /// of nesting, and a tensor's storage only once its bytes are known to be there.
    /// </summary>
    public static object? Read(BinaryReader r)
    {
        int values = 0;
        return Read(r, 0, ref values);
    }

    private static object? Read(BinaryReader r, int depth, ref int values)
    {
        if (depth > 8) throw new InvalidDataException("values nest too deeply.");
        if (++values > MaxValues) throw new InvalidDataException($"a message of more than {MaxValues} values is not allowed.");
        var tag = (Tag)r.ReadByte();
        switch (tag)
        {
            case Tag.Null: return null;
            case Tag.Bool: return r.ReadBoolean();
            case Tag.Int: return r.ReadInt32();
            case Tag.Long: return r.ReadInt64();
            case Tag.Float: return r.ReadSingle();
            case Tag.Double: return r.ReadDouble();
            case Tag.String: return r.ReadString();
            case Tag.Tensor: return ReadTensor(r);
            case Tag.List:
                int count = r.ReadInt32();
                if (count < 0 || count > 10_000) throw new InvalidDataException($"a list of {count} values is not allowed.");
                var items = new List<object?>(Math.Min(count, 256));
                for (int k = 0; k < count; k++) items.Add(Read(r, depth + 1, ref values));
                return items;
            default: throw new InvalidDataException($"unknown value tag {(byte)tag}.");
        }
    }

    private static Tensor ReadTensor(BinaryReader r)
    {
        var dtype = (ScalarType)r.ReadInt32();
        int dims = r.ReadInt32();
        if (dims < 0 || dims > 8) throw new InvalidDataException($"a tensor with {dims} dimensions is not allowed.");
        var shape = new long[dims];
        long elements = 1;
        for (int k = 0; k < dims; k++)
        {
            shape[k] = r.ReadInt64();
            if (shape[k] < 0) throw new InvalidDataException("negative tensor size.");
            elements *= shape[k];
            if (elements > MaxTensorElements) throw new InvalidDataException("tensor too large.");
        }
        int length = r.ReadInt32();
        if (!Enum.IsDefined(dtype)) throw new InvalidDataException($"unknown dtype {(int)dtype}.");
        if (length < 0 || r.BaseStream.CanSeek && length > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException($"a tensor claims {length} bytes the message does not hold.");
        var result = empty(shape, dtype);
        if (length != result.ElementSize * elements)
        {
            result.Dispose();
            throw new InvalidDataException("tensor byte count does not match its shape and dtype.");
        }
        byte[] bytes = r.ReadBytes(length);
        if (bytes.Length != length) { result.Dispose(); throw new EndOfStreamException(); }
        if (length > 0) result.bytes = bytes;
        return result;
    }

    public static byte[] ToBytes(object? value)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) Write(w, value);
        return stream.ToArray();
    }

    public static object? FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        return Read(r);
    }
}
