package io.azof.core.testing;

import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.SchemaChange;
import io.azof.core.metadata.SchemaChange.AddColumn;
import io.azof.core.metadata.SchemaChange.MakeNullable;
import io.azof.core.metadata.SchemaChange.WidenColumn;
import io.azof.core.testing.VersionedModel.Row;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates random histories of format version 2 writes: the input each write hands to the writer and the
 * same rows as {@link VersionedModel} rows.
 *
 * <p>A history aims at the places where a versioned merge goes wrong: rows late for ranges already written,
 * rows tying on key and event time with an earlier write (the later version must win), deletes followed by
 * late rows from before them (which the delete must keep shadowing after its own time), overwrites, retried
 * write ids, empty writes, and writes holding two rows of one key and time (which must be rejected). With
 * {@link Settings#evolvesSchema()}, also schema changes between writes ({@code ALTER}: columns added, types
 * widened, a not-null column made nullable; and changes that must be refused) and appends with
 * {@code mergeSchema} that add a column and may widen one; later writes then bring the evolved columns. Event
 * times cluster around calendar boundaries, where segments of every granularity start, some before 1970.
 * The commit clock advances with random gaps and sometimes goes backwards.
 *
 * <p>Everything is derived from {@link Settings}, so a printed {@link Settings} rebuilds the history.
 */
public final class WriteHistoryGenerator {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_MILLI = 1_000L;

    public static final String EVENT_TIME = "ts";
    public static final String DELETED = "deleted";
    /** Payload columns: a required integer, then nullable string, decimal, date and binary columns. */
    public static final List<StructField> PAYLOAD = List.of(
            new StructField("count", PrimitiveType.INTEGER, false),
            new StructField("note", PrimitiveType.STRING, true),
            new StructField("amount", new DecimalType(10, 2), true),
            new StructField("due", PrimitiveType.DATE, true),
            new StructField("blob", PrimitiveType.BINARY, true));

    /** The key columns a history's table uses. */
    public enum KeyKind {
        STRING(new StructField("id", PrimitiveType.STRING, false)),
        LONG(new StructField("id", PrimitiveType.LONG, false)),
        DATE(new StructField("day", PrimitiveType.DATE, false)),
        DECIMAL(new StructField("level", new DecimalType(10, 2), false)),
        STRING_INTEGER(new StructField("region", PrimitiveType.STRING, false), new StructField("sensor", PrimitiveType.INTEGER, false));

        private final List<StructField> fields;

        KeyKind(StructField... fields) {
            this.fields = List.of(fields);
        }

        public List<StructField> fields() {
            return fields;
        }

        public List<String> columns() {
            return fields.stream().map(StructField::name).toList();
        }
    }

    /**
     * @param writes writes in the history (at least 1)
     * @param maxRowsPerWrite most rows one write holds (at least 1)
     * @param keyCount distinct keys the rows draw from (at least 1)
     * @param endsAmbiguous true to make the last write hold two rows of one key and event time
     */
    public record Settings(long seed, int writes, int maxRowsPerWrite, int keyCount, boolean endsAmbiguous, boolean evolvesSchema) {
        /** A history whose schema stays as created. */
        public Settings(long seed, int writes, int maxRowsPerWrite, int keyCount, boolean endsAmbiguous) {
            this(seed, writes, maxRowsPerWrite, keyCount, endsAmbiguous, false);
        }
    }

    /** What a write is meant to exercise; the test derives what must happen from the model, not from this. */
    public enum Intent {
        APPEND, EMPTY, OVERWRITE, RETRY, AMBIGUOUS,
        /** A schema change through {@code SchemaEvolution.alter}: no rows, {@link Write#changes()}. */
        ALTER,
        /** A schema change azof must refuse, committing nothing. */
        REFUSED_ALTER,
        /** An append with {@code mergeSchema} whose data adds a column (and may widen one). */
        MERGE
    }

    /**
     * One call of the writer.
     *
     * @param inputSchema the columns as this write orders them (each write shuffles them)
     * @param inputRows the rows laid out as {@code inputSchema}
     * @param rows the same rows for the model, in the same order
     * @param clockMillis what the commit clock reads during this write
     */
    /**
     * @param payloadSchema the payload columns of the rows, in table order: the table's after this write if it commits
     * @param changes for {@link Intent#ALTER} and {@link Intent#REFUSED_ALTER}, the schema changes; empty otherwise
     */
    public record Write(Intent intent, WriteOptions options, StructType inputSchema, List<Object[]> inputRows, List<Row> rows,
                        long clockMillis, List<StructField> payloadSchema, List<SchemaChange> changes) {
        public boolean overwrite() {
            return options.mode() == WriteOptions.Mode.OVERWRITE;
        }

        public boolean altersSchema() {
            return intent == Intent.ALTER || intent == Intent.REFUSED_ALTER;
        }

        public String describe() {
            if (altersSchema()) {
                return intent + " " + changes + " clock=" + clockMillis;
            }
            String listed = rows.stream()
                    .map(r -> (r.delete() ? "DEL " : "") + r.key() + "@" + r.eventTimeMicros())
                    .collect(Collectors.joining(", ", "[", "]"));
            return intent + " " + options.mode() + (options.writeId() == null ? "" : " writeId=" + options.writeId())
                    + (options.mergeSchema() ? " mergeSchema payload=" + payloadSchema : "")
                    + " clock=" + clockMillis + " rows=" + listed;
        }
    }

    public record History(Settings settings, KeyKind keyKind, SegmentGranularity granularity, int buckets, List<Write> writes) {
        public List<String> keyColumns() {
            return keyKind.columns();
        }

        /** The payload columns the table is created with; schema changes may add more. */
        public List<String> payloadColumns() {
            return PAYLOAD.stream().map(StructField::name).toList();
        }

        /** Every event time any write carries, rejected and skipped writes included. */
        public Set<Long> eventTimes() {
            Set<Long> times = new LinkedHashSet<>();
            writes.forEach(w -> w.rows().forEach(r -> times.add(r.eventTimeMicros())));
            return times;
        }

        public String describe() {
            StringBuilder text = new StringBuilder(settings + " keys=" + keyKind + " granularity=" + granularity + " buckets=" + buckets);
            for (int i = 0; i < writes.size(); i++) {
                text.append("\n  write ").append(i + 1).append(": ").append(writes.get(i).describe());
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private final Random random;
    private final KeyKind keyKind;
    private final SegmentGranularity granularity;
    private final int buckets;
    /** About one segment's length: event times spread over a few segments whatever the granularity. */
    private final long period;
    private final List<List<Object>> keys;
    private final List<Long> anchors;
    /** Rows of committed writes (overwritten ones included): what late rows and ties refer back to. */
    private final List<Row> written = new ArrayList<>();
    private final List<Row> deletes = new ArrayList<>();
    private final List<String> committedIds = new ArrayList<>();
    private final boolean evolvesSchema;
    /** The table's payload columns as the writes so far left them; the rows of the next write bring these. */
    private List<StructField> payload = PAYLOAD;
    private int addedColumns;
    private boolean tableExists;
    private long clock;
    private int nextWriteId;

    private WriteHistoryGenerator(Random random, int keyCount, boolean evolvesSchema) {
        this.random = random;
        this.evolvesSchema = evolvesSchema;
        this.keyKind = KeyKind.values()[random.nextInt(KeyKind.values().length)];
        this.granularity = SegmentGranularity.values()[random.nextInt(SegmentGranularity.values().length)];
        this.buckets = 1 + random.nextInt(5);
        this.period = MICROS_PER_DAY * switch (granularity) {
            case DAY -> 1;
            case MONTH -> 30;
            case QUARTER -> 91;
            case YEAR -> 365;
        };
        Set<List<Object>> pool = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 20 * keyCount && pool.size() < keyCount; attempt++) {
            pool.add(randomKey());
        }
        this.keys = List.copyOf(pool);
        List<Long> boundaries = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            boundaries.add(randomBoundary());
        }
        this.anchors = boundaries;
        this.clock = 1_600_000_000_000L + random.nextInt(1_000_000_000);
    }

    public static History generate(Settings settings) {
        Random random = new Random(settings.seed());
        WriteHistoryGenerator generator = new WriteHistoryGenerator(random, settings.keyCount(), settings.evolvesSchema());
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < settings.writes(); i++) {
            boolean last = i == settings.writes() - 1;
            writes.add(generator.nextWrite(settings.endsAmbiguous() && last ? Intent.AMBIGUOUS : generator.pickIntent(),
                    settings.maxRowsPerWrite()));
        }
        return new History(settings, generator.keyKind, generator.granularity, generator.buckets, writes);
    }

    private Write nextWrite(Intent intent, int maxRows) {
        if (intent == Intent.ALTER || intent == Intent.REFUSED_ALTER) {
            return alter(intent);
        }
        List<StructField> schema = intent == Intent.MERGE ? merged() : payload;
        List<StructField> current = payload;
        payload = schema; // rows below are generated in the schema this write brings
        Write write = rowsWrite(intent, maxRows);
        boolean commits = intent == Intent.APPEND || intent == Intent.EMPTY || intent == Intent.OVERWRITE || intent == Intent.MERGE;
        payload = commits ? schema : current;
        return write;
    }

    private Write rowsWrite(Intent intent, int maxRows) {
        boolean empty = intent == Intent.EMPTY || (intent == Intent.OVERWRITE && random.nextInt(6) == 0);
        int rowCount = empty ? 0 : 1 + random.nextInt(maxRows);
        List<Row> rows = new ArrayList<>();
        Set<String> keyTimes = new HashSet<>();
        for (int attempt = 0; attempt < 4 * rowCount && rows.size() < rowCount; attempt++) {
            Row row = nextRow();
            if (keyTimes.add(row.key() + "@" + row.eventTimeMicros())) {
                rows.add(row);
            }
        }
        if (intent == Intent.AMBIGUOUS) {
            Row twin = rows.get(random.nextInt(rows.size()));
            Row other = random.nextBoolean()
                    ? new Row(twin.key(), twin.eventTimeMicros(), randomPayload(), false)
                    : new Row(twin.key(), twin.eventTimeMicros(), deletePayload(), true);
            rows.add(random.nextInt(rows.size() + 1), other);
        }
        WriteOptions options = options(intent);
        clock += clockStep();
        if (intent == Intent.APPEND || intent == Intent.EMPTY || intent == Intent.OVERWRITE || intent == Intent.MERGE) {
            tableExists = true;
            if (options.writeId() != null) {
                committedIds.add(options.writeId());
            }
            written.addAll(rows);
            rows.stream().filter(Row::delete).forEach(deletes::add);
        }
        return input(intent, options, rows, clock);
    }

    private Intent pickIntent() {
        int roll = random.nextInt(100);
        if (evolvesSchema && tableExists && roll >= 38 && roll < 60) {
            // In place of appends, so a history has about as many versions (and reads) as without schema changes.
            return roll < 48 ? Intent.ALTER : roll < 51 ? Intent.REFUSED_ALTER : Intent.MERGE;
        }
        if (roll < 10 && !committedIds.isEmpty()) {
            return Intent.RETRY;
        }
        if (roll < 18) {
            return Intent.AMBIGUOUS;
        }
        if (roll < 26) {
            return Intent.EMPTY;
        }
        if (roll < 38 && tableExists) {
            return Intent.OVERWRITE;
        }
        return Intent.APPEND;
    }

    private WriteOptions options(Intent intent) {
        WriteOptions options = WriteOptions.append().withDeleteColumn(DELETED);
        // An existing table supplies its own definition; a new one needs it spelled out.
        if (!tableExists || random.nextBoolean()) {
            options = options.withKeyColumns(keyKind.columns().toArray(String[]::new)).withEventTimeColumn(EVENT_TIME)
                    .withLayout(granularity, buckets);
        }
        if (intent == Intent.OVERWRITE) {
            options = options.withMode(WriteOptions.Mode.OVERWRITE);
        }
        if (intent == Intent.MERGE) {
            options = options.withMergeSchema(true);
        }
        if (intent == Intent.RETRY) {
            return options.withWriteId(committedIds.get(random.nextInt(committedIds.size())));
        }
        if (intent != Intent.AMBIGUOUS && random.nextInt(5) < 2) {
            return options.withWriteId("w" + nextWriteId++);
        }
        return options;
    }

    /** Clock moves: mostly forwards by small or large gaps, sometimes not at all, sometimes backwards. */
    private long clockStep() {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return 1 + random.nextInt(3);
        }
        if (roll < 65) {
            return 1 + random.nextInt(10_000);
        }
        if (roll < 75) {
            return 0;
        }
        if (roll < 90) {
            return -1 - random.nextInt(5_000);
        }
        return 3_600_000L * (1 + random.nextInt(48));
    }

    private Row nextRow() {
        int roll = random.nextInt(100);
        if (roll < 12 && !written.isEmpty()) {
            // A tie with an earlier write: same key and event time, a later version.
            Row earlier = pick(written);
            return random.nextInt(4) == 0
                    ? new Row(earlier.key(), earlier.eventTimeMicros(), deletePayload(), true)
                    : new Row(earlier.key(), earlier.eventTimeMicros(), randomPayload(), false);
        }
        if (roll < 24 && !deletes.isEmpty()) {
            // A late row from before a delete: visible before the delete's time, shadowed by it from then on.
            Row delete = pick(deletes);
            return new Row(delete.key(), delete.eventTimeMicros() - smallGap(), randomPayload(), false);
        }
        if (roll < 36) {
            List<Object> key = written.isEmpty() || random.nextBoolean() ? pick(keys) : pick(written).key();
            return new Row(key, randomTime(), deletePayload(), true);
        }
        if (roll < 56 && !written.isEmpty()) {
            return new Row(pick(keys), lateTime(), randomPayload(), false);
        }
        if (roll < 76 && !written.isEmpty()) {
            long latest = written.stream().mapToLong(Row::eventTimeMicros).max().orElseThrow();
            return new Row(pick(keys), latest + (random.nextBoolean() ? smallGap() - 1 : random.nextLong(period)),
                    randomPayload(), false);
        }
        return new Row(pick(keys), randomTime(), randomPayload(), false);
    }

    /** A time inside the range already written: between two written times, or next to one. */
    private long lateTime() {
        long a = pick(written).eventTimeMicros();
        long b = pick(written).eventTimeMicros();
        if (a == b || random.nextBoolean()) {
            return a + random.nextInt(3) - 1;
        }
        return Math.min(a, b) + random.nextLong(Math.abs(a - b) + 1);
    }

    /**
     * Near one of the history's calendar boundaries: microseconds or a second off it, or up to a few segment
     * lengths (so rows fall in several segments, and writes stay a handful of files).
     */
    private long randomTime() {
        long anchor = pick(anchors);
        long offset = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(5) - 2;
            case 1 -> (random.nextInt(2_001) - 1_000L) * MICROS_PER_MILLI;
            case 2 -> random.nextLong(period / 4) - period / 8;
            case 3, 4 -> random.nextLong(2 * period) - period;
            default -> random.nextLong(6 * period) - 3 * period;
        };
        return anchor + offset;
    }

    /** 1 µs, up to a second, or up to a few days. */
    private long smallGap() {
        return switch (random.nextInt(3)) {
            case 0 -> 1;
            case 1 -> 1 + random.nextInt(1_000_000);
            default -> 1 + random.nextLong(3 * MICROS_PER_DAY);
        };
    }

    /**
     * Midnight UTC starting a year (so also a quarter, month and day), a quarter, a month or a day, between
     * 1960 and 2030; 1970-01-01 itself now and then, so event times cross zero.
     */
    private long randomBoundary() {
        if (random.nextInt(6) == 0) {
            return 0;
        }
        int year = 1960 + random.nextInt(71);
        LocalDate date = switch (random.nextInt(4)) {
            case 0, 1 -> LocalDate.of(year, 1, 1);
            case 2 -> LocalDate.of(year, 1 + 3 * random.nextInt(4), 1);
            default -> LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        };
        return date.toEpochDay() * MICROS_PER_DAY;
    }

    private List<Object> randomKey() {
        return switch (keyKind) {
            case STRING -> List.of(randomKeyString());
            case LONG -> List.of(pickOf(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong(), (long) random.nextInt(100)));
            case DATE -> List.of(pickOf(0, -1, 1, -25_567, 19_723, random.nextInt(80_001) - 40_000));
            case DECIMAL -> List.of(BigDecimal.valueOf(pickOf(0L, -1L, 9_999_999_999L, -9_999_999_999L,
                    random.nextLong(20_000_000_000L) - 9_999_999_999L, (long) random.nextInt(1000)), 2));
            case STRING_INTEGER -> List.of(pickOf("eu", "us", "", "é"),
                    pickOf(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt(20)));
        };
    }

    /** Strings whose UTF-8 order differs from Java's UTF-16 order are among them. */
    private String randomKeyString() {
        return pickOf("", "a", "A", "ab", "b", "grüße", "\uE000", "\uD83D\uDE00", "a b", "k" + random.nextInt(1000));
    }

    private List<Object> randomPayload() {
        List<Object> values = new ArrayList<>(payload.size());
        for (StructField field : payload) {
            values.add(randomValue(field));
        }
        return values;
    }

    /**
     * A value of the column: the columns a table is created with draw as they always did (so histories without schema
     * changes stay as they were), columns added later by their type, with about one null in four.
     */
    private Object randomValue(StructField field) {
        switch (field.name()) {
            case "count":
                if (field.nullable() && random.nextInt(6) == 0) {
                    return null;
                }
                return field.type() == PrimitiveType.LONG
                        ? pickOf(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong())
                        : pickOf(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt());
            case "note":
                return random.nextInt(5) < 2 ? null : pickOf("", "x", "grüße", "\uD83D\uDE00", "n" + random.nextInt(100));
            case "amount":
                if (random.nextInt(4) == 0) {
                    return null;
                }
                return ((DecimalType) field.type()).precision() > 10
                        ? BigDecimal.valueOf(random.nextLong(Long.MAX_VALUE) - Long.MAX_VALUE / 2, 2)
                        : BigDecimal.valueOf(random.nextLong(20_000_000_000L) - 9_999_999_999L, 2);
            case "due":
                return random.nextInt(4) == 0 ? null : random.nextInt(80_001) - 40_000;
            case "blob":
                return random.nextInt(5) < 2 ? null : randomBytes();
            default:
                return random.nextInt(4) == 0 ? null : randomOfType(field.type());
        }
    }

    private Object randomOfType(DataType type) {
        if (type instanceof DecimalType decimal) {
            long bound = decimal.precision() >= 18 ? Long.MAX_VALUE / 2 : (long) Math.pow(10, decimal.precision()) - 1;
            return BigDecimal.valueOf(random.nextLong(2 * bound + 1) - bound, decimal.scale());
        }
        return switch ((PrimitiveType) type) {
            case SHORT -> (short) pickOf(0, -1, (int) Short.MIN_VALUE, (int) Short.MAX_VALUE, random.nextInt(1000)).intValue();
            case INTEGER -> pickOf(0, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt());
            case LONG -> pickOf(0L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong());
            case FLOAT -> pickOf(0.0f, -0.0f, Float.MAX_VALUE, Float.MIN_VALUE, 0.1f, random.nextFloat());
            case DOUBLE -> pickOf(0.0d, -0.0d, Double.MAX_VALUE, 0.1d, random.nextDouble());
            case STRING -> pickOf("", "a", "grüße", "s" + random.nextInt(100));
            default -> throw new IllegalStateException("no values drawn for added columns of type " + type);
        };
    }

    /** Deletes may carry no payload at all, not even the required column. */
    private List<Object> deletePayload() {
        return random.nextInt(5) < 3 ? Arrays.asList(new Object[payload.size()]) : randomPayload();
    }

    /** The types a column added to the table may have: every family that widens, and one that does not. */
    private static final List<DataType> ADDED_TYPES = List.of(PrimitiveType.SHORT, PrimitiveType.INTEGER, PrimitiveType.FLOAT,
            PrimitiveType.FLOAT, new DecimalType(5, 1), PrimitiveType.LONG, PrimitiveType.DOUBLE, PrimitiveType.STRING);

    private StructField newColumn() {
        return new StructField("added" + addedColumns++, pick(ADDED_TYPES), true);
    }

    /** The schema a mergeSchema append brings: one column more, and sometimes a payload column of a wider type. */
    private List<StructField> merged() {
        List<StructField> schema = new ArrayList<>(payload);
        if (random.nextBoolean()) {
            List<Integer> widenable = widenable(schema);
            if (!widenable.isEmpty()) {
                int index = pick(widenable);
                schema.set(index, widened(schema.get(index)));
            }
        }
        schema.add(newColumn());
        return schema;
    }

    /** Positions of the payload columns that can still widen. */
    private static List<Integer> widenable(List<StructField> schema) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            if (widerType(schema.get(i).type()) != null) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static DataType widerType(DataType type) {
        if (type instanceof DecimalType decimal) {
            return decimal.precision() < 20 ? new DecimalType(20, decimal.scale()) : null;
        }
        return switch ((PrimitiveType) type) {
            case SHORT -> PrimitiveType.INTEGER;
            case INTEGER -> PrimitiveType.LONG;
            case FLOAT -> PrimitiveType.DOUBLE;
            default -> null;
        };
    }

    private static StructField widened(StructField field) {
        return new StructField(field.name(), widerType(field.type()), field.nullable());
    }

    /**
     * One to three changes the table accepts (a column added, a column widened, the required column made nullable),
     * or one it must refuse (a name taken in other case, a narrowing, a key column widened, a not-null column added).
     */
    private Write alter(Intent intent) {
        clock += clockStep();
        List<SchemaChange> changes = new ArrayList<>();
        List<StructField> schema = new ArrayList<>(payload);
        if (intent == Intent.REFUSED_ALTER) {
            StructField some = pick(payload);
            changes.add(switch (random.nextInt(4)) {
                case 0 -> AddColumn.nullable(some.name().toUpperCase(Locale.ROOT), PrimitiveType.STRING);
                case 1 -> new WidenColumn(some.name(), some.type() == PrimitiveType.STRING ? PrimitiveType.BINARY : PrimitiveType.STRING);
                case 2 -> new WidenColumn(keyKind.columns().get(0), PrimitiveType.BINARY);
                default -> new AddColumn("required" + addedColumns, PrimitiveType.LONG, false);
            });
            return new Write(intent, WriteOptions.append(), null, List.of(), List.of(), clock, payload, changes);
        }
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int roll = random.nextInt(4);
            List<Integer> widenable = widenable(schema);
            int count = indexOf(schema, "count");
            if (roll <= 1 && !widenable.isEmpty()) {
                int index = pick(widenable);
                StructField wider = widened(schema.get(index));
                schema.set(index, wider);
                changes.add(new WidenColumn(wider.name(), wider.type()));
            } else if (roll == 2 && !schema.get(count).nullable()) {
                schema.set(count, new StructField("count", schema.get(count).type(), true));
                changes.add(new MakeNullable("count"));
            } else {
                StructField added = newColumn();
                schema.add(added);
                changes.add(AddColumn.nullable(added.name(), added.type()));
            }
        }
        payload = List.copyOf(schema);
        return new Write(intent, WriteOptions.append(), null, List.of(), List.of(), clock, payload, changes);
    }

    private static int indexOf(List<StructField> schema, String name) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + schema);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(7)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The write's rows in a column order of its own, and as model rows. */
    private Write input(Intent intent, WriteOptions options, List<Row> rows, long clockMillis) {
        List<StructField> canonical = new ArrayList<>(keyKind.fields());
        canonical.add(new StructField(EVENT_TIME, PrimitiveType.TIMESTAMP, false));
        canonical.addAll(payload);
        canonical.add(new StructField(DELETED, PrimitiveType.BOOLEAN, false));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        StructType schema = new StructType(order.stream().map(canonical::get).toList());
        List<Object[]> inputRows = new ArrayList<>();
        List<Row> modelRows = new ArrayList<>();
        for (Row row : rows) {
            List<Object> values = new ArrayList<>(row.key());
            values.add(row.eventTimeMicros());
            values.addAll(rawPayload(row));
            values.add(row.delete());
            inputRows.add(order.stream().map(values::get).toArray());
            modelRows.add(row);
        }
        return new Write(intent, options, schema, inputRows, modelRows, clockMillis, List.copyOf(payload), List.of());
    }

    /** Model rows hold binaries normalised; the writer takes them as byte arrays. */
    private static List<Object> rawPayload(Row row) {
        List<Object> raw = new ArrayList<>();
        for (Object value : row.payload()) {
            raw.add(value instanceof VersionedModel.Bytes bytes ? HexFormat.of().parseHex(bytes.hex()) : value);
        }
        return raw;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T pickOf(T... values) {
        return values[random.nextInt(values.length)];
    }
}
