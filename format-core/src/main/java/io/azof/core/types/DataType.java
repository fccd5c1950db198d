package io.azof.core.types;

/**
 * The type of a table column or of a value nested in one: the engine-neutral mirror of Apache Spark's
 * {@code DataType}, restricted to the types azof can store (see {@link SchemaJson} for the list and for
 * the JSON form, which is Spark's).
 *
 * <p><b>Value representation.</b> Rows are {@code Object[]} and values are plain Java objects chosen to
 * match Spark's internal representation, so engine conversions are a shallow re-boxing:
 * <table>
 *   <caption>Java class of a non-null value, per type</caption>
 *   <tr><th>type</th><th>value</th></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>binary</td><td>{@code byte[]}</td></tr>
 *   <tr><td>boolean</td><td>{@link Boolean}</td></tr>
 *   <tr><td>byte</td><td>{@link Byte}</td></tr>
 *   <tr><td>short</td><td>{@link Short}</td></tr>
 *   <tr><td>integer</td><td>{@link Integer}</td></tr>
 *   <tr><td>long</td><td>{@link Long}</td></tr>
 *   <tr><td>float</td><td>{@link Float}</td></tr>
 *   <tr><td>double</td><td>{@link Double}</td></tr>
 *   <tr><td>decimal(p,s)</td><td>{@link java.math.BigDecimal} whose scale is exactly s</td></tr>
 *   <tr><td>date</td><td>{@link Integer}: days since 1970-01-01 (proleptic Gregorian)</td></tr>
 *   <tr><td>timestamp</td><td>{@link Long}: microseconds since 1970-01-01T00:00:00Z</td></tr>
 *   <tr><td>struct</td><td>{@code Object[]} holding the field values in field order</td></tr>
 *   <tr><td>array</td><td>{@link java.util.List}{@code <Object>}</td></tr>
 *   <tr><td>map</td><td>{@link java.util.Map}{@code <Object, Object>} that keeps insertion order
 *       (readers return a {@link java.util.LinkedHashMap})</td></tr>
 * </table>
 * A null value is {@code null}, whatever the type. The column type alone decides the class: an
 * {@code integer} column holds {@link Integer}s, never {@link Long}s.
 */
public sealed interface DataType extends java.io.Serializable permits PrimitiveType, DecimalType, StructType, ArrayType, MapType {
}
