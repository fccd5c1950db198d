package io.azof.spark.catalog;

import io.azof.core.UpdatePropertiesOperation;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.metadata.VersionHead;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.write.WriteOptions;
import io.azof.spark.common.SparkOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;

/**
 * The one place that knows the table properties of catalog tables: what {@code CREATE TABLE} may set (the table
 * settings of the DataFrame writer, by the same names) and what a loaded table reports.
 *
 * <p>azof snapshots store a table's definition and nothing else, so {@code CREATE TABLE} refuses every property
 * it could not keep (a comment, a typo such as {@code keyColumn}) rather than dropping it silently.
 */
public final class TableProperties {
    /** Reported by every table: its format version (3 or 2, or 1 for azof 0.2.1 tables). */
    public static final String FORMAT_VERSION = "format_version";
    /** Reported by every table: the version it was loaded at, the latest unless {@code VERSION AS OF} chose one. */
    public static final String VERSION = "version";

    /**
     * The settings {@code CREATE TABLE} takes, in TBLPROPERTIES or OPTIONS; {@code formatVersion} (2 or 3, default 3) only
     * chooses the new table's format, which the table then reports as {@value #FORMAT_VERSION}.
     */
    public static final List<String> SETTINGS = List.of(TableDefinition.KEY_COLUMNS, TableDefinition.EVENT_TIME_COLUMN,
            TableDefinition.SEGMENT_GRANULARITY, TableDefinition.BUCKETS, TableDefinition.AUTO_COMPACT, TableDefinition.AUTO_COMPACT_MAX_RUNS,
            TableDefinition.FORMAT_VERSION_PROPERTY, TableDefinition.COVERAGE_GRANULARITY, TableDefinition.OVERLAP_POLICY);

    private TableProperties() {
    }

    /**
     * What a table reports: provider, location (the table directory: what the {@code azof_as_of} function and
     * {@code spark.read.format("azof").load(location)} read), its definition and layout, and the version loaded.
     * A path table is also {@code external}, which {@code DESCRIBE TABLE EXTENDED} shows as its type.
     */
    public static Map<String, String> of(TablePlace place, VersionHead head) {
        TableDefinition table = head.table();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TableCatalog.PROP_PROVIDER, SparkOptions.FORMAT);
        properties.put(TableCatalog.PROP_LOCATION, place.location());
        if (place.byPath()) {
            properties.put(TableCatalog.PROP_EXTERNAL, "true");
        }
        // azof 0.2.1 tables have free-form segments and no buckets: they report neither.
        properties.putAll(table.properties());
        properties.put(FORMAT_VERSION, Integer.toString(table.formatVersion()));
        properties.put(VERSION, Long.toString(head.version()));
        return properties;
    }

    /**
     * The write options of a new table's first, empty write, from the properties Spark hands {@code createTable}:
     * TBLPROPERTIES as they are, OPTIONS prefixed with {@code option.}, and the provider of {@code USING}. Values are
     * checked by {@link WriteOptions} and, when the table is written, by {@link TableDefinition#create}.
     *
     * @param tableName for messages
     * @throws InvalidOptionException for another provider, an unknown or read-only property, or one setting given twice
     *     with different values (Spark itself lets OPTIONS override TBLPROPERTIES of the same name)
     * @throws UnsupportedOperationException for {@code LOCATION} or {@code EXTERNAL}
     */
    public static WriteOptions forCreate(String tableName, Map<String, String> properties) {
        String provider = properties.get(TableCatalog.PROP_PROVIDER);
        if (provider != null && !provider.equalsIgnoreCase(SparkOptions.FORMAT)) {
            throw new InvalidOptionException("Cannot create " + tableName + " USING " + provider + ": an azof catalog holds only azof"
                    + " tables; write USING " + SparkOptions.FORMAT + " or leave USING out");
        }
        if (properties.containsKey(TableCatalog.PROP_LOCATION) || properties.containsKey(TableCatalog.PROP_EXTERNAL)) {
            throw new UnsupportedOperationException("Cannot create " + tableName + " with LOCATION or EXTERNAL: a named table lives in"
                    + " the catalog's warehouse. To create or use a table elsewhere, name it by its path instead, for example "
                    + "CREATE TABLE <catalog>.`/path/to/table` (...)");
        }
        Map<String, String> settings = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        properties.forEach((key, value) -> {
            if (key.equals(TableCatalog.PROP_PROVIDER) || key.equals(TableCatalog.PROP_OWNER)) {
                return; // the owner is added by Spark to every new table; azof records none
            }
            String name = key.startsWith(TableCatalog.OPTION_PREFIX) ? key.substring(TableCatalog.OPTION_PREFIX.length()) : key;
            String setting = SETTINGS.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> unknown(tableName, key, name));
            String earlier = settings.put(setting, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new InvalidOptionException("Table property '" + setting + "' of " + tableName + " is given twice, as '" + earlier
                        + "' and as '" + value + "' (names of properties are case-insensitive); give it once");
            }
        });
        return WriteOptions.fromOptions(WriteOptions.Mode.APPEND, settings);
    }

    /** Whether {@code changes} set or unset table properties ({@code ALTER TABLE … SET / UNSET TBLPROPERTIES}). */
    public static boolean changesProperties(TableChange... changes) {
        return Arrays.stream(changes).anyMatch(change -> change instanceof TableChange.SetProperty || change instanceof TableChange.RemoveProperty);
    }

    /**
     * {@code update} with the property changes of an {@code ALTER TABLE}; {@link UpdatePropertiesOperation} refuses the
     * properties that cannot change, naming them.
     *
     * @throws InvalidOptionException for a property reported by every table, or column changes in the same statement
     */
    public static UpdatePropertiesOperation update(String tableName, UpdatePropertiesOperation update, TableChange... changes) {
        for (TableChange change : changes) {
            if (change instanceof TableChange.SetProperty set) {
                update.set(changeable(tableName, set.property()), set.value());
            } else if (change instanceof TableChange.RemoveProperty remove) {
                update.unset(changeable(tableName, remove.property()));
            } else {
                throw new InvalidOptionException("ALTER TABLE " + tableName + " changes table properties and columns at once; change them in"
                        + " separate statements. Nothing was committed.");
            }
        }
        return update;
    }

    private static String changeable(String tableName, String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        if (lower.equals(VERSION) || lower.equals(FORMAT_VERSION)) {
            throw new InvalidOptionException("Table property '" + property + "' of " + tableName + " is reported by azof tables and cannot"
                    + " be set");
        }
        return property;
    }

    private static InvalidOptionException unknown(String tableName, String key, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(VERSION) || lower.equals(FORMAT_VERSION)) {
            return new InvalidOptionException("Table property '" + key + "' of " + tableName + " is reported by azof tables and cannot"
                    + " be set");
        }
        return new InvalidOptionException("Unknown table property '" + key + "' for azof table " + tableName + ". CREATE TABLE takes "
                + String.join(", ", SETTINGS) + " (in TBLPROPERTIES or OPTIONS); azof tables store no other properties, comments"
                + " included");
    }
}
