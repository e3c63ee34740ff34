using System.Reflection;
using FluentNets.Backends;
using PureHDF;

namespace FluentNets.Weights;

/// <summary>
/// Whether an HDF5 floating-point type is IEEE 754's binary16, binary32 or binary64, as h5py and Keras write them.
/// HDF5 declares a float's layout field by field (sign bit, exponent position, size and bias, mantissa position and
/// size), and libhdf5, so h5py, converts by what is declared; PureHDF 2.2.0 reads every float as IEEE's whatever the
/// file declares, so a damaged or unusual layout would load as other values than h5py reads. It exposes no layout,
/// so the datatype message it decoded is read by reflection; should its internals change, every float is refused and
/// the tests say so.
/// </summary>
internal static class HdfFloatLayout
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Null for IEEE 754's layout of the type's size, else the declared layout in words.</summary>
    public static string? Unusual(IH5DataType type)
    {
        var message = type.GetType().GetField("_dataType", Instance)?.GetValue(type)
            ?? throw new InvalidOperationException("PureHDF's datatype has no _dataType field: the float layout check needs updating for this PureHDF version");
        var bitField = message.GetType().GetProperty("BitField", Instance)?.GetValue(message);
        var properties = message.GetType().GetProperty("Properties", Instance)?.GetValue(message) as Array;
        if (bitField is null || properties is not { Length: 1 } || properties.GetValue(0) is not { } layout)
        {
            return "a floating-point type without its layout";
        }

        int Get(object source, string name) => Convert.ToInt32(
            source.GetType().GetProperty(name, Instance)?.GetValue(source)
                ?? throw new InvalidOperationException($"PureHDF's float layout has no {name}: the check needs updating for this PureHDF version"),
            System.Globalization.CultureInfo.InvariantCulture);

        int size = type.Size;
        var (exponentSize, mantissaSize, bias) = size switch { 2 => (5, 10, 15), 4 => (8, 23, 127), _ => (11, 52, 1023) };
        var declared = (
            Offset: Get(layout, "BitOffset"), Precision: Get(layout, "BitPrecision"), ExponentLocation: Get(layout, "ExponentLocation"),
            ExponentSize: Get(layout, "ExponentSize"), MantissaLocation: Get(layout, "MantissaLocation"), MantissaSize: Get(layout, "MantissaSize"),
            Bias: Get(layout, "ExponentBias"), Sign: Get(bitField, "SignLocation"), Normalization: Get(bitField, "MantissaNormalization"),
            ByteOrder: Get(bitField, "ByteOrder"));
        // MantissaNormalization 2: the leading 1 implied; ByteOrder 0 and 1: little- and big-endian (2: VAX).
        var ieee = (0, 8 * size, mantissaSize, exponentSize, 0, mantissaSize, bias, (8 * size) - 1, 2, declared.ByteOrder is 0 or 1 ? declared.ByteOrder : 0);
        return declared == ieee
            ? null
            : $"a {8 * size}-bit float laid out as sign bit {declared.Sign}, {declared.ExponentSize} exponent bits at {declared.ExponentLocation} " +
              $"with bias {declared.Bias}, {declared.MantissaSize} mantissa bits at {declared.MantissaLocation} (normalization {declared.Normalization}), " +
              $"{declared.Precision} bits from {declared.Offset}{(declared.ByteOrder > 1 ? ", VAX byte order" : "")}; IEEE 754 has sign bit {(8 * size) - 1}, " +
              $"{exponentSize} exponent bits at {mantissaSize} with bias {bias}, {mantissaSize} mantissa bits at 0";
    }
}
