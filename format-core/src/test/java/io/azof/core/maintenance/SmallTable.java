package io.azof.core.maintenance;

import io.azof.core.ExpireVersionsOperation;
import io.azof.core.Table;
import io.azof.core.VacuumOperation;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.testing.SuppliedClock;
import io.azof.core.testing.TestTables;
import io.azof.core.testing.TestTimes;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A table of (id, at, value) rows in a directory, written through the real writer with a commit clock the
 * test sets, one month segment and one bucket, so each write adds one file per month it touches.
 */
final class SmallTable {
    static final StructType INPUT = StructType.of(
            new StructField("id", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("value", PrimitiveType.LONG, true));
    static final WriteOptions OPTIONS = WriteOptions.append().withKeyColumns("id").withEventTimeColumn("at")
            .withLayout(SegmentGranularity.MONTH, 1).withAutoCompaction(TestTables.NO_AUTO_COMPACTION);

    final Path dir;
    final TableStorage storage;
    private final AtomicLong clock = new AtomicLong();
    private final Table writer;
    private final WriteOptions options;

    SmallTable(Path dir) {
        this(dir, TestTables.localStorage(dir));
    }

    /** A table at {@code dir} reached through {@code storage} (a test double wrapping the real one). */
    SmallTable(Path dir, TableStorage storage) {
        this(dir, storage, TableDefinition.FORMAT_VERSION);
    }

    /** As {@link #SmallTable(Path, TableStorage)}, created at {@code formatVersion}. */
    SmallTable(Path dir, TableStorage storage, int formatVersion) {
        this.dir = dir;
        this.storage = storage;
        this.writer = Table.forStorage(storage).withClock(new SuppliedClock(clock::get));
        this.options = OPTIONS.withFormatVersion(formatVersion);
    }

    static Object[] row(String id, String day, long value) {
        return new Object[] {id, TestTimes.startOfDayMicros(day), value};
    }

    /** Appends the rows with the commit clock reading {@code committedAt}; returns the version. */
    long append(Instant committedAt, Object[]... rows) {
        return write(committedAt, options, rows).version();
    }

    long overwrite(Instant committedAt, Object[]... rows) {
        return write(committedAt, options.withMode(WriteOptions.Mode.OVERWRITE), rows).version();
    }

    CommitResult write(Instant committedAt, WriteOptions options, Object[]... rows) {
        clock.set(committedAt.toEpochMilli());
        return writer.newWrite(options).rows(INPUT, List.of(rows)).commit();
    }

    /** The table, through the public API. */
    Table table() {
        return Table.forStorage(storage);
    }

    /** Expires what {@code request} selects, through the public API. */
    VersionExpiry.Result expire(ExpiryRequest request) {
        ExpireVersionsOperation expiry = table().expireVersions().retainLast(request.retainLast());
        if (request.olderThan() != null) {
            expiry.olderThan(request.olderThan());
        }
        return expiry.commit();
    }

    /** Vacuums as {@code request} says, measuring the retention from {@code now}, through the public API. */
    Vacuum.Result vacuum(VacuumRequest request, Clock now) {
        VacuumOperation vacuum = table().withClock(now).vacuum().retention(request.retention());
        if (request.allowShortRetention()) {
            vacuum.allowShortRetention();
        }
        if (request.dryRun()) {
            vacuum.dryRun();
        }
        return vacuum.commit();
    }

    Vacuum.Result vacuum(VacuumRequest request) {
        return vacuum(request, Clock.systemUTC());
    }

    /** id -> value, current as of event time, at the version {@code selector} picks. */
    Map<String, Long> read(VersionSelector selector) {
        Map<String, Long> result = new TreeMap<>();
        try (CloseableIterator<Object[]> rows = table().newScan().atVersion(selector).select(List.of("value")).rows()) {
            rows.forEachRemaining(r -> result.put((String) r[0], (Long) r[2]));
        }
        return result;
    }

    Map<String, Long> read(long version) {
        return read(VersionSelector.version(version));
    }

    /** Sets the modification time of every file under the table directory, as if it had been written then. */
    static void age(Path dir, Instant modified) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(modified));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
