package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.types.StructType;
import io.azof.core.write.PreparedWrite;
import io.azof.core.write.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append, overwrite or create ({@link Table#newAppend()}, {@link Table#newOverwrite()}, {@link Table#newCreate()}),
 * committed as one new version or not at all (SPEC section 6.5).
 *
 * <p>Two ways to give the data:
 * <ul>
 *   <li>{@link #rows} then {@link #commit()}: the rows are validated, sorted in memory and written here.</li>
 *   <li>For engines that write in parallel: {@link #prepare} on the driver (validates the input schema and the options
 *       against the table; ship the {@link PreparedWrite} to workers, which write files with it), then
 *       {@link #addFiles} with every file written, then {@link #commit()}.</li>
 * </ul>
 */
public final class WriteOperation {
    private final Table table;
    private WriteOptions options;
    private StructType inputSchema;
    private Iterable<Object[]> rows;
    private PreparedWrite prepared;
    private boolean compactAfterCommit = true;
    private final List<NewDataFile> files = new ArrayList<>();

    WriteOperation(Table table, WriteOptions options) {
        this.table = table;
        this.options = options;
    }

    /** Every option at once, as an engine parsed them ({@link WriteOptions#fromOptions}); the mode stays this operation's. */
    public WriteOperation options(WriteOptions given) {
        this.options = given.withMode(options.mode());
        return this;
    }

    /** The key columns of a new table (default {@code key}); for an existing table they must be its own. */
    public WriteOperation keyColumns(String... columns) {
        this.options = options.withKeyColumns(columns);
        return this;
    }

    /** The event-time column of a new table (default {@code event_time}); for an existing table it must be its own. */
    public WriteOperation eventTimeColumn(String column) {
        this.options = options.withEventTimeColumn(column);
        return this;
    }

    /** A boolean input column: rows where it is true delete their key as of their event time. */
    public WriteOperation deleteColumn(String column) {
        this.options = options.withDeleteColumn(column);
        return this;
    }

    /** An id the table remembers: a later write with the same id commits nothing (safe retries). */
    public WriteOperation writeId(String id) {
        this.options = options.withWriteId(id);
        return this;
    }

    /** The segment granularity and bucket count of a new table; for an existing table they must be its own. */
    public WriteOperation layout(SegmentGranularity granularity, int buckets) {
        this.options = options.withLayout(granularity, buckets);
        return this;
    }

    /**
     * A new table's format version: {@value io.azof.core.metadata.TableDefinition#MANIFEST_FORMAT} (the default) or
     * {@value io.azof.core.metadata.TableDefinition#LISTING_FORMAT}, for readers of azof releases before format version 3
     * (SPEC section 6.13).
     */
    public WriteOperation formatVersion(int version) {
        this.options = options.withFormatVersion(version);
        return this;
    }

    /**
     * A new table's coverage granularity ({@code 1h}, {@code 15m}, {@code 1d}, any {@code <n><s|m|h|d>}): its appends record
     * which event-time slots of each key hold data (SPEC section 6.14); for an existing table it must be its own.
     *
     * @throws io.azof.core.exceptions.InvalidOptionException naming the value and the accepted forms
     */
    public WriteOperation coverageGranularity(String granularity) {
        this.options = options.withCoverageGranularity(CoverageGranularity.parse(granularity));
        return this;
    }

    /** A new table's default overlap policy (SPEC section 6.15); for an existing table it must be its own. */
    public WriteOperation overlapPolicy(OverlapPolicy policy) {
        this.options = options.withOverlapPolicy(policy);
        return this;
    }

    /**
     * This append's overlap policy, whatever the table's default (SPEC section 6.15): {@link OverlapPolicy#ERROR} fails with
     * {@link io.azof.core.exceptions.OverlapException} when an upsert falls in a slot its key covers already,
     * {@link OverlapPolicy#SKIP} leaves such upserts out ({@link CommitResult#rowsDropped()}).
     */
    public WriteOperation onOverlap(OverlapPolicy policy) {
        this.options = options.withOnOverlap(policy);
        return this;
    }

    /** Lets the write add the columns the data has and the table lacks, and widen columns to the data's wider types. */
    public WriteOperation mergeSchema(boolean merge) {
        this.options = options.withMergeSchema(merge);
        return this;
    }

    /**
     * Whether {@link #commit()} then runs the table's compaction after writes here ({@link Table#compactAfterWrite()}; on by
     * default, when the table's {@code autoCompact} is). Engines that build compaction files on workers turn it off and run
     * {@link Table#newAutoCompaction()} themselves.
     */
    public WriteOperation compactAfterCommit(boolean compact) {
        this.compactAfterCommit = compact;
        return this;
    }

    /**
     * The rows to write, each laid out as {@code schema} with values in the representation of
     * {@link io.azof.core.types.DataType}; written and committed by {@link #commit()}.
     */
    public WriteOperation rows(StructType schema, Iterable<Object[]> data) {
        if (prepared != null) {
            throw new IllegalStateException("this write was prepared for files written elsewhere; give rows or files, not both");
        }
        this.inputSchema = Objects.requireNonNull(schema, "schema");
        this.rows = Objects.requireNonNull(data, "rows");
        return this;
    }

    /**
     * Validates a write of rows shaped as {@code schema} against the table as it is now, before any data file is
     * written: for engines that write the files themselves. Check {@link PreparedWrite#skip()} (the write id is
     * committed already), write files with the returned {@link PreparedWrite}, {@link #addFiles} them, then {@link #commit()}.
     *
     * @throws InvalidOptionException for options that name missing columns or differ from the table's
     * @throws InvalidWriteException for data whose schema does not match the table
     * @throws TableAlreadyExistsException for a create when the table exists already
     */
    public PreparedWrite prepare(StructType schema) {
        if (rows != null) {
            throw new IllegalStateException("this write has rows to write itself; give rows or files, not both");
        }
        this.prepared = PreparedWrite.prepare(table.storage(), schema, options);
        return prepared;
    }

    /** Data files written with the {@link PreparedWrite} of {@link #prepare}; they become visible only by {@link #commit()}. */
    public WriteOperation addFiles(List<NewDataFile> written) {
        if (prepared == null) {
            throw new IllegalStateException("prepare the write before adding files written for it");
        }
        files.addAll(written);
        return this;
    }

    /**
     * Commits the write as the table's next version, re-basing onto versions other writers committed meanwhile when
     * that is safe. Nothing is visible unless this returns: a failure leaves the table as it was (files already written
     * stay unreferenced until vacuum).
     *
     * @return the new version, or with {@code skipped} the latest version when the write id was committed already
     * @throws TableAlreadyExistsException for a create when a table exists, also one another writer created meanwhile
     * @throws io.azof.core.exceptions.CommitConflictException when another commit changed what this write relied on
     */
    public CommitResult commit() {
        CommitResult result;
        if (rows != null) {
            PreparedWrite local = PreparedWrite.prepare(table.storage(), inputSchema, options);
            if (local.skip()) {
                return new CommitResult(local.readVersion(), true, 0);
            }
            result = table.committer().commit(local.commitOf(table.storage(), local.writeFiles(table.storage(), rows)));
        } else if (prepared == null) {
            throw new IllegalStateException("nothing to write: give rows(...), or prepare(...) and addFiles(...) first");
        } else if (prepared.skip()) {
            return new CommitResult(prepared.readVersion(), true, 0);
        } else {
            result = table.committer().commit(prepared.commitOf(table.storage(), files));
        }
        if (compactAfterCommit) {
            table.compactAfterWrite();
        }
        return result;
    }
}
