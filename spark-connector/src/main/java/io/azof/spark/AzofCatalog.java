package io.azof.spark;

import io.azof.core.VersionSelector;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.VersionHead;
import io.azof.core.write.WriteOptions;
import io.azof.spark.catalog.AzofCatalogTable;
import io.azof.spark.catalog.MetadataTable;
import io.azof.spark.catalog.SchemaChangeTranslation;
import io.azof.spark.catalog.TableMetadataRows;
import io.azof.spark.catalog.TablePlace;
import io.azof.spark.catalog.TableProperties;
import io.azof.spark.catalog.Warehouse;
import io.azof.spark.common.SparkLine;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.TableLocation;
import io.azof.spark.write.AzofWriteJob;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * azof tables in Spark SQL: a catalog of the azof tables under a warehouse directory, configured with
 * <pre>
 * spark.sql.catalog.lake=io.azof.spark.AzofCatalog
 * spark.sql.catalog.lake.warehouse=s3a://bucket/warehouse
 * </pre>
 * Namespaces are directories and tables are directories holding an azof table (see {@link Warehouse}); a table
 * anywhere else is reached by its path, {@code lake.`/path/to/table`}. Every table also has the metadata tables
 * {@code <table>.snapshots}, {@code <table>.segments} and {@code <table>.files} ({@link MetadataTable}).
 *
 * <p><b>Time travel:</b> {@code TIMESTAMP AS OF} is <em>event time</em>: the table as of that time in the world,
 * as the {@code asOf} option reads it, unlike Delta and Iceberg, where it picks a version by commit time.
 * {@code VERSION AS OF} picks a snapshot version.
 *
 * <p>The catalog stores nothing of its own: everything it reports is read from the directories and snapshots, so
 * several sessions and {@code df.write.format("azof")} can share a warehouse.
 */
public final class AzofCatalog implements TableCatalog, SupportsNamespaces {
    private String name;
    private Warehouse warehouse;

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        this.name = name;
        this.warehouse = new Warehouse(name, options.get(Warehouse.WAREHOUSE_OPTION));
    }

    @Override
    public String name() {
        return name;
    }

    // Tables

    @Override
    public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
        requireNamespace(namespace);
        return warehouse.childTables(namespace).stream().map(table -> Identifier.of(namespace, table)).toArray(Identifier[]::new);
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        return load(ident, VersionSelector.latest(), null);
    }

    /** {@code VERSION AS OF v}: the table as it was at snapshot version v. */
    @Override
    public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
        VersionSelector selector = VersionSelector.fromOptions(version, null, null);
        return load(ident, selector, null);
    }

    /**
     * {@code TIMESTAMP AS OF t}: the table as of <em>event time</em> t (Spark hands over microseconds, having read
     * a time without zone in the session time zone), read from its latest version.
     */
    @Override
    public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
        return load(ident, VersionSelector.latest(), timestamp);
    }

    private Table load(Identifier ident, VersionSelector selector, Long asOfMicros) throws NoSuchTableException {
        Optional<Table> metadata = metadataTable(ident, selector, asOfMicros);
        if (metadata.isPresent()) {
            return metadata.get();
        }
        TablePlace place = warehouse.place(ident);
        TableLocation location = TableLocation.of(place.location());
        VersionHead head;
        try {
            // The head only (in format version 3, the root): scans then open only the manifests they can touch.
            head = location.table().head(selector);
        } catch (TableNotFoundException e) {
            // Opening looks the latest version up once, and that also says whether a table is there (as existingTable would).
            throw SparkLine.noSuchTable(place.displayName(), "there is no azof table at " + place.location());
        }
        return new AzofCatalogTable(place, location, head, asOfMicros, selector.version() != null);
    }

    /**
     * {@code <table>.snapshots}, {@code .segments}, {@code .files}: Spark hands over the table's name as the last
     * part of the namespace. Only when that names an existing table: otherwise a table called {@code files} in a
     * namespace is meant. A path names no namespace, so there it must be a table.
     */
    private Optional<Table> metadataTable(Identifier ident, VersionSelector selector, Long asOfMicros) throws NoSuchTableException {
        Optional<MetadataTable.Kind> kind = MetadataTable.Kind.named(ident.name());
        String[] namespace = ident.namespace();
        if (kind.isEmpty() || namespace.length == 0) {
            return Optional.empty();
        }
        String tableName = namespace[namespace.length - 1];
        if (!Warehouse.isPath(tableName) && !warehouse.isConfigured()) {
            return Optional.empty();
        }
        Identifier tableIdent = Identifier.of(Arrays.copyOf(namespace, namespace.length - 1), tableName);
        TablePlace table;
        if (Warehouse.isPath(tableName)) {
            table = existingTable(tableIdent);
        } else {
            table = warehouse.place(tableIdent);
            if (!warehouse.isTable(table.location())) {
                return Optional.empty();
            }
        }
        String displayName = table.displayName() + "." + kind.get().tableName();
        if (asOfMicros != null) {
            throw new UnsupportedOperationException("TIMESTAMP AS OF does not apply to " + displayName + ": in azof it is an event time,"
                    + " and metadata tables describe versions; use VERSION AS OF");
        }
        io.azof.core.Table azofTable = TableLocation.of(table.location()).table();
        TableMetadataRows.RowSet rows = switch (kind.get()) {
            case SNAPSHOTS -> {
                if (selector.version() != null) {
                    throw new UnsupportedOperationException("VERSION AS OF does not apply to " + displayName + ", which lists every"
                            + " version; filter on its column 'version' instead");
                }
                yield TableMetadataRows.snapshots(azofTable);
            }
            case SEGMENTS -> TableMetadataRows.segments(azofTable.snapshot(selector));
            case FILES -> TableMetadataRows.files(azofTable.snapshot(selector));
        };
        return Optional.of(new MetadataTable(displayName, rows));
    }

    /**
     * Creates the table as version 1 with the statement's columns and the definition its properties give, and no
     * rows: an empty write, checked as every write is. {@code CREATE TABLE ... AS SELECT} then appends its rows
     * as version 2. Of concurrent creators of one table exactly one wins: version 1 is created exclusively, and the
     * others get {@link TableAlreadyExistsException} with nothing of theirs in the table.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
            throws TableAlreadyExistsException, NoSuchNamespaceException {
        TablePlace place = warehouse.place(ident);
        if (!place.byPath()) {
            requireNamespace(ident.namespace());
        }
        WriteOptions options = TableProperties.forCreate(place.displayName(), properties);
        if (partitions.length > 0) {
            throw AzofWriteJob.partitioningRefused();
        }
        io.azof.core.Table table = TableLocation.of(place.location()).table();
        // Files first: a table being created concurrently shows up as a table by the time its files do.
        if (warehouse.holdsFiles(place.location()) && !table.exists()) {
            throw new AzofException("Cannot create table " + place.displayName() + ": its directory " + place.location()
                    + " already holds files but no azof table" + (place.byPath() ? "" : " (it may be a namespace)"));
        }
        try {
            table.newCreate().options(options).rows(SparkSchemas.toAzof(schema), List.of()).commit();
        } catch (io.azof.core.exceptions.TableAlreadyExistsException e) {
            throw new TableAlreadyExistsException(ident);
        }
        try {
            return loadTable(ident);
        } catch (NoSuchTableException e) {
            throw new IllegalStateException("Table " + place.displayName() + " was created at " + place.location()
                    + " but cannot be loaded", e);
        }
    }

    /**
     * {@code ALTER TABLE … SET / UNSET TBLPROPERTIES} changes the properties that can change ({@code autoCompact},
     * {@code autoCompact.maxRuns}, {@code coverageGranularity}, {@code overlapPolicy}); a new coverage granularity records the
     * coverage of the data the table has in that same version, and unsetting it stops recording coverage. The column changes
     * of {@code ALTER TABLE} change the schema. Either commits one version.
     */
    @Override
    public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
        TablePlace place = existingTable(ident);
        io.azof.core.Table table = TableLocation.of(place.location()).table();
        if (TableProperties.changesProperties(changes)) {
            TableProperties.update(place.displayName(), table.updateProperties(), changes).commit();
        } else {
            table.alterSchema().changes(SchemaChangeTranslation.toAzof(place.displayName(), changes)).commit();
        }
        return loadTable(ident);
    }

    /**
     * Drops a table of the warehouse by deleting its directory: its data and its history. A table named by its
     * path is not the catalog's to delete: that is refused, and its directory stays.
     *
     * @return false when there is no such table
     */
    @Override
    public boolean dropTable(Identifier ident) {
        TablePlace place = warehouse.place(ident);
        if (place.byPath()) {
            throw new UnsupportedOperationException("DROP TABLE does not delete table " + place.displayName() + ", which is named by its"
                    + " path rather than kept in the catalog's warehouse; delete the directory " + place.location() + " yourself");
        }
        if (!warehouse.isTable(place.location())) {
            return false;
        }
        warehouse.deleteRecursively(place.location());
        return true;
    }

    /** As {@link #dropTable}: dropping already deletes the files. */
    @Override
    public boolean purgeTable(Identifier ident) {
        return dropTable(ident);
    }

    /** Moves the table's directory: data file paths in snapshots are relative, so the table reads the same there. */
    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) throws NoSuchTableException, TableAlreadyExistsException {
        TablePlace from = existingTable(oldIdent);
        TablePlace to = warehouse.place(newIdent);
        if (from.byPath() || to.byPath()) {
            throw new UnsupportedOperationException("Cannot rename " + from.displayName() + " to " + to.displayName()
                    + ": only tables of the warehouse are renamed; move a table named by its path with the file system");
        }
        if (warehouse.isTable(to.location()) || warehouse.holdsFiles(to.location())) {
            throw new TableAlreadyExistsException(newIdent);
        }
        if (!warehouse.namespaceExists(newIdent.namespace())) {
            // renameTable may not throw NoSuchNamespaceException (a checked exception its signature lacks).
            throw new AzofException("Cannot rename " + from.displayName() + " to " + to.displayName() + ": namespace "
                    + warehouse.displayName(newIdent.namespace()) + " does not exist");
        }
        warehouse.rename(from.location(), to.location());
    }

    // Namespaces

    @Override
    public String[][] listNamespaces() throws NoSuchNamespaceException {
        return listNamespaces(new String[0]);
    }

    @Override
    public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
        requireNamespace(namespace);
        return warehouse.childNamespaces(namespace).stream().map(child -> append(namespace, child)).toArray(String[][]::new);
    }

    /** A namespace's only metadata is its directory. */
    @Override
    public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
        requireNamespace(namespace);
        return Map.of(SupportsNamespaces.PROP_LOCATION, warehouse.namespaceLocation(namespace));
    }

    /** Makes the directory (and missing parents). Namespaces store no properties, so none may be given. */
    @Override
    public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
        String display = warehouse.displayName(namespace);
        if (namespace.length == 0 || warehouse.namespaceExists(namespace)) {
            throw new NamespaceAlreadyExistsException(namespace);
        }
        if (warehouse.isTable(warehouse.namespaceLocation(namespace))) {
            throw new AzofException("Cannot create namespace " + display + ": it is a table ("
                    + warehouse.namespaceLocation(namespace) + ")");
        }
        for (String property : metadata.keySet()) {
            // Spark adds the owner to every new namespace; azof records none.
            if (!property.equals(SupportsNamespaces.PROP_OWNER)) {
                throw new InvalidOptionException("Namespace " + display + " cannot take property '" + property + "': azof namespaces are"
                        + " plain directories of the warehouse and store no properties (no comment, no location)");
            }
        }
        warehouse.createNamespaceDirectory(namespace);
    }

    @Override
    public void alterNamespace(String[] namespace, NamespaceChange... changes) throws NoSuchNamespaceException {
        requireNamespace(namespace);
        throw new UnsupportedOperationException("Namespace " + warehouse.displayName(namespace) + " cannot be altered: azof namespaces are"
                + " plain directories of the warehouse and store no properties");
    }

    /**
     * Deletes the namespace's directory: refused while it holds anything unless {@code cascade}, which deletes its
     * tables and namespaces with it.
     */
    @Override
    public boolean dropNamespace(String[] namespace, boolean cascade) throws NoSuchNamespaceException, NonEmptyNamespaceException {
        if (namespace.length == 0) {
            throw new UnsupportedOperationException("Catalog " + name + " cannot drop its root namespace, the warehouse itself");
        }
        requireNamespace(namespace);
        if (!cascade && !warehouse.isEmpty(namespace)) {
            throw new NonEmptyNamespaceException(namespace);
        }
        warehouse.deleteRecursively(warehouse.namespaceLocation(namespace));
        return true;
    }

    // Helpers

    private TablePlace existingTable(Identifier ident) throws NoSuchTableException {
        TablePlace place = warehouse.place(ident);
        if (!warehouse.isTable(place.location())) {
            throw SparkLine.noSuchTable(place.displayName(), "there is no azof table at " + place.location());
        }
        return place;
    }

    private void requireNamespace(String[] namespace) throws NoSuchNamespaceException {
        if (!warehouse.namespaceExists(namespace)) {
            throw new NoSuchNamespaceException(namespace);
        }
    }

    private static String[] append(String[] namespace, String child) {
        String[] parts = Arrays.copyOf(namespace, namespace.length + 1);
        parts[namespace.length] = child;
        return parts;
    }
}
