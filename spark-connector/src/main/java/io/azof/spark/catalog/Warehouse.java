package io.azof.spark.catalog;

import io.azof.core.Table;
import io.azof.core.exceptions.AzofException;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.spark.common.TableLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;

/**
 * The directories behind an {@link io.azof.spark.AzofCatalog}: a warehouse directory (any Hadoop path) whose
 * sub-directories are namespaces (nested namespaces are nested directories) or tables (a directory holding an
 * azof table, as {@link Table#exists()} recognises one). Nothing else is stored: the file system is the catalog,
 * so tables written by {@code df.write.format("azof")} into the warehouse appear in it as they are.
 *
 * <p>An identifier whose name is an absolute path or a URI ({@code /data/t}, {@code s3a://bucket/t}) is a
 * <em>path identifier</em>: it names the table at that path, whatever namespace it is written in, and needs no
 * warehouse.
 */
public final class Warehouse {
    /** The catalog option, {@code spark.sql.catalog.<name>.warehouse}, that names the warehouse directory. */
    public static final String WAREHOUSE_OPTION = "warehouse";

    private final String catalogName;
    private final String root;

    /** @param root the warehouse directory, or null when the catalog is used with path identifiers only */
    public Warehouse(String catalogName, String root) {
        this.catalogName = catalogName;
        this.root = root == null || root.isBlank() ? null : root.trim();
    }

    /** True for names that are paths ({@code /data/t}) or URIs ({@code s3a://bucket/t}, {@code file:/data/t}). */
    public static boolean isPath(String name) {
        return name.startsWith("/") || name.contains(":/");
    }

    /** False when the catalog is used with path identifiers only. */
    public boolean isConfigured() {
        return root != null;
    }

    /** Where a table identifier points; named tables need the warehouse. */
    public TablePlace place(Identifier ident) {
        if (isPath(ident.name())) {
            return byPath(ident.name());
        }
        Path dir = new Path(namespaceDir(ident.namespace()), checkedName(ident.name(), "a table"));
        return new TablePlace(displayName(ident.namespace(), ident.name()), qualified(dir), false);
    }

    public TablePlace byPath(String path) {
        return new TablePlace(catalogName + "." + quoted(path), qualified(new Path(path)), true);
    }

    /** True when the directory holds an azof table (a snapshot file or version.txt naming one). */
    public boolean isTable(String location) {
        return Table.forStorage(TableLocation.storage(location, hadoopConf())).exists();
    }

    /** The root namespace (the warehouse itself) always exists; others are directories that hold no table. */
    public boolean namespaceExists(String[] namespace) {
        Path dir = namespaceDir(namespace);
        if (namespace.length == 0) {
            return true;
        }
        try {
            FileSystem fs = fileSystem(dir);
            return fs.exists(dir) && fs.getFileStatus(dir).isDirectory() && !isTable(dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach namespace " + displayName(namespace) + " at " + dir + ": " + e.getMessage(), e);
        }
    }

    public String namespaceLocation(String[] namespace) {
        return qualified(namespaceDir(namespace));
    }

    /** Names of the namespaces directly inside {@code namespace}; the namespace must exist. */
    public List<String> childNamespaces(String[] namespace) {
        return childDirectories(namespace).filter(dir -> !isTable(dir.toString())).map(Path::getName).sorted().toList();
    }

    /** Names of the tables directly inside {@code namespace}; the namespace must exist. */
    public List<String> childTables(String[] namespace) {
        return childDirectories(namespace).filter(dir -> isTable(dir.toString())).map(Path::getName).sorted().toList();
    }

    /** True when the namespace directory holds nothing at all, neither tables nor namespaces nor other files. */
    public boolean isEmpty(String[] namespace) {
        Path dir = namespaceDir(namespace);
        try {
            return fileSystem(dir).listStatus(dir).length == 0;
        } catch (FileNotFoundException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list namespace " + displayName(namespace) + " at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * True when a directory exists at the location and holds at least one file or directory that is not hidden. Hidden
     * names start with '.' or '_', as Hadoop's and Spark's own (checksums, {@code _SUCCESS}, temporary files of a
     * commit in progress) do.
     */
    public boolean holdsFiles(String location) {
        Path dir = new Path(location);
        try {
            return Arrays.stream(fileSystem(dir).listStatus(dir)).map(status -> status.getPath().getName())
                    .anyMatch(name -> !name.startsWith(".") && !name.startsWith("_"));
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    public void createNamespaceDirectory(String[] namespace) {
        Path dir = namespaceDir(namespace);
        try {
            if (!fileSystem(dir).mkdirs(dir)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir + " of namespace " + displayName(namespace) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes a directory and everything in it. */
    public void deleteRecursively(String location) {
        Path dir = new Path(location);
        try {
            fileSystem(dir).delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + location + ": " + e.getMessage(), e);
        }
    }

    public void rename(String from, String to) {
        Path source = new Path(from);
        try {
            if (!fileSystem(source).rename(source, new Path(to))) {
                throw new IOException("rename returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** {@code lake.db.prices}, with backticks around parts that need them ({@code lake.`/data/prices`}). */
    public String displayName(String[] namespace, String name) {
        return displayName(Stream.concat(Arrays.stream(namespace), Stream.of(name)).toArray(String[]::new));
    }

    public String displayName(String[] parts) {
        return Stream.concat(Stream.of(catalogName), Arrays.stream(parts)).map(Warehouse::quoted).collect(Collectors.joining("."));
    }

    private Stream<Path> childDirectories(String[] namespace) {
        Path dir = namespaceDir(namespace);
        List<Path> children = new ArrayList<>();
        try {
            for (FileStatus status : fileSystem(dir).listStatus(dir)) {
                // Hidden directories (.Trash, editors' and tools' leftovers) are neither namespaces nor tables.
                if (status.isDirectory() && !status.getPath().getName().startsWith(".")) {
                    children.add(status.getPath());
                }
            }
        } catch (FileNotFoundException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list namespace " + displayName(namespace) + " at " + dir + ": " + e.getMessage(), e);
        }
        return children.stream();
    }

    private Path namespaceDir(String[] namespace) {
        if (root == null) {
            throw new InvalidOptionException("Catalog " + catalogName + " has no warehouse, so it has no namespaces or named tables: set "
                    + "spark.sql.catalog." + catalogName + "." + WAREHOUSE_OPTION + " to a directory (any Hadoop path), or name a table by"
                    + " its path, " + catalogName + ".`/path/to/table`");
        }
        Path dir = new Path(root);
        for (String part : namespace) {
            dir = new Path(dir, checkedName(part, "a namespace"));
        }
        return dir;
    }

    /** Namespace and table names become directory names, so they cannot step out of the warehouse or nest. */
    private String checkedName(String name, String what) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains(":")) {
            throw new AzofException("'" + name + "' cannot name " + what + " of catalog " + catalogName + ": names of namespaces and"
                    + " tables are directory names (not empty, '.' or '..', no '/' or ':'). Name a table outside the warehouse by its path,"
                    + " " + catalogName + ".`/path/to/table`");
        }
        return name;
    }

    private static String qualified(Path path) {
        try {
            return fileSystem(path).makeQualified(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem fileSystem(Path path) throws IOException {
        return path.getFileSystem(hadoopConf());
    }

    /** The session's, as for {@code spark.read.format("azof")}: {@code spark.hadoop.*} settings reach the warehouse too. */
    private static Configuration hadoopConf() {
        return SparkSession.active().sessionState().newHadoopConf();
    }

    private static String quoted(String part) {
        return part.matches("[A-Za-z0-9_]+") ? part : "`" + part.replace("`", "``") + "`";
    }
}
