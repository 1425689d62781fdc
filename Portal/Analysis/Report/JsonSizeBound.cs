using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portal.Analysis.Report;

/// <summary>
/// An upper bound of the UTF-8 size of a value's JSON under one set of options, read from the serializer's own
/// contract so that a property added to the report counts without being listed here: a string at six bytes a
/// character (the longest escape, <c>\uXXXX</c>), every other scalar at <see cref="ScalarBytes"/>, every member
/// and item with its name, indentation, separator and line break. Types it cannot bound give
/// <see cref="long.MaxValue"/>, and so does a walk past the serializer's depth limit, so the caller serializes.
/// </summary>
internal sealed class JsonSizeBound(JsonSerializerOptions options)
{
    /// <summary>Longer than any number, date, time, Boolean or null the serializer writes (a DateTimeOffset is 33 bytes).</summary>
    private const int ScalarBytes = 64;

    private const int BytesPerChar = 6;

    private static readonly HashSet<Type> Scalars =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid),
    ];

    private readonly ConcurrentDictionary<Type, Shape> _shapes = new();
    private readonly int _maxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
    // Every line: its break, its indentation per level, and a comma.
    private readonly int _lineBytes = options.NewLine.Length + 1;
    private readonly int _indentBytes = options.WriteIndented ? options.IndentSize : 0;

    /// <summary>At least the size of <paramref name="value"/>'s JSON in bytes; the walk stops once past <paramref name="enough"/>.</summary>
    public long Of(object? value, long enough = long.MaxValue)
    {
        var total = 0L;
        return Add(value, 0, ref total, enough) ? total : long.MaxValue;
    }

    private bool Add(object? value, int depth, ref long total, long enough)
    {
        if (value is null)
        {
            total += 4;
            return true;
        }
        if (value is string text)
        {
            total += BytesPerChar * (long)text.Length + 2;
            return true;
        }
        if (depth > _maxDepth || total > enough)
            return false;
        var shape = _shapes.GetOrAdd(value.GetType(), Describe);
        var line = _lineBytes + _indentBytes * (depth + 1L);
        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                total += shape.FixedBytes;
                return true;
            case ShapeKind.Object:
                total += 2 + line * (shape.Lines + 1L) + shape.FixedBytes;
                foreach (var get in shape.Getters)
                    if (!Add(get(value), depth + 1, ref total, enough))
                        return false;
                return true;
            case ShapeKind.StringDictionary:
                total += 2 + line;
                foreach (var (key, item) in (IEnumerable<KeyValuePair<string, string>>)value)
                    total += line + BytesPerChar * ((long)key.Length + (item?.Length ?? 0)) + 12;
                return true;
            case ShapeKind.Dictionary:
                total += 2 + line;
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    total += line + 2;
                    if (!Add(entry.Key as string, depth + 1, ref total, enough) || !Add(entry.Value, depth + 1, ref total, enough))
                        return false;
                }
                return true;
            case ShapeKind.List:
                total += 2 + line;
                foreach (var item in (IEnumerable)value)
                {
                    total += line;
                    if (!Add(item, depth + 1, ref total, enough))
                        return false;
                }
                return true;
            default:
                return false;
        }
    }

    private Shape Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalars.Contains(underlying))
            return new Shape(ShapeKind.Scalar, ScalarBytes, 0, []);
        if (underlying.IsEnum)
            // Written as a name, several names for flags, or a number: never longer than all names and a number together.
            return new Shape(ShapeKind.Scalar, ScalarBytes + Enum.GetNames(underlying).Sum(n => BytesPerChar * (n.Length + 2)), 0, []);
        // Reference and type metadata ($id, $type) are not counted.
        if (options.ReferenceHandler is not null)
            return Shape.Unbounded;

        var info = options.GetTypeInfo(type);
        if (info.PolymorphismOptions is not null)
            return Shape.Unbounded;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
            {
                var getters = new List<Func<object, object?>>();
                int fixedBytes = 0, lines = 0;
                foreach (var property in info.Properties)
                {
                    if (property.Get is null)
                        continue;
                    // A converter of the property's own may write anything.
                    if (property.CustomConverter is not null)
                        return Shape.Unbounded;
                    lines++;
                    fixedBytes += BytesPerChar * property.Name.Length + 4;
                    var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                    // Scalars are bounded by their type alone: their getters are never called (nor their values boxed).
                    if (Scalars.Contains(propertyType) || propertyType.IsEnum)
                        fixedBytes += Describe(propertyType).FixedBytes;
                    else
                        getters.Add(property.Get);
                }
                return new Shape(ShapeKind.Object, fixedBytes, lines, [.. getters]);
            }
            case JsonTypeInfoKind.Dictionary when info.KeyType == typeof(string) && info.ElementType == typeof(string)
                                                  && typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(type):
                return new Shape(ShapeKind.StringDictionary, 0, 0, []);
            case JsonTypeInfoKind.Dictionary when info.KeyType == typeof(string) && typeof(IDictionary).IsAssignableFrom(type):
                return new Shape(ShapeKind.Dictionary, 0, 0, []);
            case JsonTypeInfoKind.Enumerable when typeof(IEnumerable).IsAssignableFrom(type):
                return new Shape(ShapeKind.List, 0, 0, []);
            default:
                return Shape.Unbounded;
        }
    }

    private enum ShapeKind { Unbounded, Scalar, Object, StringDictionary, Dictionary, List }

    /// <summary>What a value of one type writes besides its strings and members: <see cref="FixedBytes"/> over <see cref="Lines"/> lines.</summary>
    private sealed record Shape(ShapeKind Kind, int FixedBytes, int Lines, Func<object, object?>[] Getters)
    {
        public static readonly Shape Unbounded = new(ShapeKind.Unbounded, 0, 0, []);
    }
}
