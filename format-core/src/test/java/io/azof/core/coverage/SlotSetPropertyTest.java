package io.azof.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.SlotCoverage;
import io.azof.core.slots.SlotRange;
import io.azof.core.slots.SlotSet;
import io.azof.core.time.Micros;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link SlotSet}, {@link SlotCoverage} and {@link CoverageGranularity} against {@link SlotBruteForce} over a
 * {@link TreeSet} of the same slots (SPEC section 6.14). The slots are drawn where a 64-bit Roaring bitmap with sign-flipped
 * ids is most likely to go wrong: negative slots, both ends of the long range, the 2^16, 2^31 and 2^32 boundaries of its
 * containers and high words, and dense runs across them.
 */
class SlotSetPropertyTest {
    private static final AtomicLong SETS = new AtomicLong();
    private static final AtomicLong RANGES = new AtomicLong();
    private static final AtomicLong WINDOWS = new AtomicLong();
    private static final AtomicLong WINDOWS_FOUND = new AtomicLong();
    private static final AtomicLong PARSES = new AtomicLong();
    private static final AtomicLong PARSES_ACCEPTED = new AtomicLong();

    /** One way of putting slots into a set: one slot, or the run [start, start + length). */
    record Add(long start, int length) {
        long end() {
            // Saturated: a run reaching the end of the long range stops before Long.MAX_VALUE (addRange excludes its end).
            long end = start + length;
            return end < start ? Long.MAX_VALUE : end;
        }

        @Override
        public String toString() {
            return length == 0 ? "add(" + start + ")" : "addRange(" + start + ", +" + length + ")";
        }
    }

    /** Where slots are interesting: around 0, the container and high-word boundaries, and both ends of the long range. */
    private static final long[] CENTRES = {0, 1L << 16, -(1L << 16), 1L << 31, -(1L << 31), 1L << 32, -(1L << 32), Long.MIN_VALUE,
            Long.MAX_VALUE};

    @Provide
    Arbitrary<Long> slots() {
        Arbitrary<Long> nearCentre = Combinators.combine(Arbitraries.integers().between(0, CENTRES.length - 1), Arbitraries.longs().between(-40, 40))
                .as((i, offset) -> saturatedAdd(CENTRES[i], offset));
        return Arbitraries.frequencyOf(
                Tuple.of(6, nearCentre),
                Tuple.of(1, Arbitraries.longs()));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    @Provide
    Arbitrary<List<Add>> adds() {
        Arbitrary<Add> add = Combinators.combine(slots(), Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(0)),
                        Tuple.of(2, Arbitraries.integers().between(1, 8)),
                        Tuple.of(1, Arbitraries.integers().between(9, 90))))
                .as(Add::new);
        return add.list().ofMaxSize(12);
    }

    private static NavigableSet<Long> bruteForce(List<Add> adds) {
        NavigableSet<Long> slots = new TreeSet<>();
        for (Add add : adds) {
            if (add.length() == 0) {
                slots.add(add.start());
            } else {
                for (long slot = add.start(); slot < add.end(); slot++) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }

    private static SlotSet slotSet(List<Add> adds) {
        SlotSet set = new SlotSet();
        for (Add add : adds) {
            if (add.length() == 0) {
                set.add(add.start());
            } else {
                set.addRange(add.start(), add.end());
            }
        }
        return set;
    }

    /** The set holds exactly the brute force's slots: as many, and each of them (so no others). */
    private static void assertSameSlots(SlotSet set, NavigableSet<Long> expected, String what) {
        assertThat(set.size()).as("size of %s", what).isEqualTo(expected.size());
        assertThat(set.isEmpty()).as("isEmpty of %s", what).isEqualTo(expected.isEmpty());
        for (long slot : expected) {
            assertThat(set.contains(slot)).as("%s contains %d", what, slot).isTrue();
        }
    }

    /** The ranges asked about: given ones, and ones starting or ending right at, before and after members. */
    private static List<long[]> ranges(NavigableSet<Long> slots, long a, long b) {
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {Math.min(a, b), Math.max(a, b)});
        ranges.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        int taken = 0;
        for (long member : slots) {
            if (taken++ == 6) {
                break;
            }
            ranges.add(new long[] {member, saturatedAdd(member, 1)});
            ranges.add(new long[] {saturatedAdd(member, -1), saturatedAdd(member, 2)});
            ranges.add(new long[] {member, Math.max(b, a)});
            ranges.add(new long[] {Math.min(a, b), saturatedAdd(member, 1)});
        }
        return ranges;
    }

    @Property(tries = 400)
    void countGapsFirstAndMembershipMatchTheBruteForce(@ForAll("adds") List<Add> adds, @ForAll("slots") long a, @ForAll("slots") long b) {
        NavigableSet<Long> expected = bruteForce(adds);
        SlotSet set = slotSet(adds);
        SETS.incrementAndGet();

        assertSameSlots(set, expected, "the set built by " + adds);
        assertThat(set.contains(a)).as("contains %d", a).isEqualTo(expected.contains(a));
        assertThat(set.contains(b)).as("contains %d", b).isEqualTo(expected.contains(b));
        if (!expected.isEmpty()) {
            assertThat(set.first()).as("first of %s", adds).isEqualTo(expected.first());
        }
        for (long[] range : ranges(expected, a, b)) {
            long from = range[0];
            long to = range[1];
            RANGES.incrementAndGet();
            assertThat(set.count(from, to)).as("count [%d, %d) of %s", from, to, adds).isEqualTo(SlotBruteForce.count(expected, from, to));
            List<SlotRange> gaps = SlotBruteForce.gaps(expected, from, to);
            assertThat(set.gaps(from, to)).as("gaps [%d, %d) of %s", from, to, adds).isEqualTo(gaps);
            if (to - from > 0 && to - from <= 300) {
                // The walk over members agrees with a slot-by-slot scan where one is affordable: the brute force checked too.
                assertThat(gaps).isEqualTo(SlotBruteForce.gapsSlotBySlot(expected, from, to));
            }
        }
    }

    @Property(tries = 300)
    void serializedSetsReadBackAsTheSameSlots(@ForAll("adds") List<Add> adds) throws IOException {
        NavigableSet<Long> expected = bruteForce(adds);
        SlotSet set = slotSet(adds);

        byte[] bytes = set.serialize();
        SlotSet read = SlotSet.deserialize(bytes);

        assertSameSlots(read, expected, "the set read back from " + adds);
        assertThat(read).isEqualTo(set);
        assertThat(read.hashCode()).isEqualTo(set.hashCode());
        // Serialising optimises the bitmap in place: the set must answer as before.
        assertSameSlots(set, expected, "the set after serialising " + adds);
        if (!expected.isEmpty()) {
            assertThat(read.first()).isEqualTo(expected.first());
            assertThat(read.gaps(expected.first(), saturatedAdd(expected.last(), 1)))
                    .isEqualTo(SlotBruteForce.gaps(expected, expected.first(), saturatedAdd(expected.last(), 1)));
        }
    }

    @Property(tries = 300)
    void unionDifferenceAndIntersectionMatchTheBruteForce(@ForAll("adds") List<Add> left, @ForAll("adds") List<Add> right) {
        NavigableSet<Long> l = bruteForce(left);
        NavigableSet<Long> r = bruteForce(right);

        SlotSet union = slotSet(left);
        union.addAll(slotSet(right));
        NavigableSet<Long> expectedUnion = new TreeSet<>(l);
        expectedUnion.addAll(r);
        assertSameSlots(union, expectedUnion, "the union");

        SlotSet difference = slotSet(left);
        difference.removeAll(slotSet(right));
        NavigableSet<Long> expectedDifference = new TreeSet<>(l);
        expectedDifference.removeAll(r);
        assertSameSlots(difference, expectedDifference, "the difference");

        SlotSet leftSet = slotSet(left);
        SlotSet rightSet = slotSet(right);
        SlotSet intersection = leftSet.intersection(rightSet);
        NavigableSet<Long> expectedIntersection = new TreeSet<>(l);
        expectedIntersection.retainAll(r);
        assertSameSlots(intersection, expectedIntersection, "the intersection");
        // The operands are untouched, and a copy is independent of its original.
        assertSameSlots(leftSet, l, "the left operand");
        assertSameSlots(rightSet, r, "the right operand");
        SlotSet copy = leftSet.copy();
        copy.addAll(rightSet);
        assertSameSlots(leftSet, l, "the original of a copy");
    }

    @Example
    void aSetOfTheExtremeSlotsKeepsThemInOrder() throws IOException {
        SlotSet set = SlotSet.of(Long.MAX_VALUE, Long.MIN_VALUE, -1, 0);
        SlotSet read = SlotSet.deserialize(set.serialize());

        assertThat(read.first()).isEqualTo(Long.MIN_VALUE);
        assertThat(read.count(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(3);
        assertThat(read.gaps(Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactly(new SlotRange(Long.MIN_VALUE + 1, -1), new SlotRange(1, Long.MAX_VALUE));
        assertThatThrownBy(() -> SlotSet.deserialize(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }

    /**
     * The union of a set of negative slots with one of non-negative slots (high words on both sides of 2^31 in the Roaring
     * bitmap): RoaringBitmap's or marks its rank cache valid with a signed comparison (its issue 828), after which ranks and
     * counts failed with ArrayIndexOutOfBoundsException (AssertionError under -ea). The shrunk counterexample of
     * unionDifferenceAndIntersectionMatchTheBruteForce.
     */
    @Example
    void unionAcrossTheSignOfSlotsKeepsItsCounts() {
        SlotSet union = SlotSet.of(-65536);
        union.addAll(SlotSet.of(0));
        assertThat(union.size()).isEqualTo(2);
        assertThat(union.count(-65536, 1)).isEqualTo(2);
        assertThat(union.gaps(-65537, 2)).containsExactly(new SlotRange(-65537, -65536), new SlotRange(-65535, 0), new SlotRange(1, 2));

        SlotSet difference = SlotSet.of(-1, 5, 1L << 33);
        difference.removeAll(SlotSet.of(1L << 32));
        assertThat(difference.count(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(3);
        SlotSet intersection = SlotSet.of(-1, 0, 1L << 32).intersection(SlotSet.of(-1, 1L << 32));
        assertThat(intersection.size()).isEqualTo(2);
        assertThat(intersection.first()).isEqualTo(-1);
    }

    // SlotCoverage

    @Provide
    Arbitrary<CoverageGranularity> granularities() {
        return Arbitraries.of("1s", "30s", "15m", "1h", "6h", "1d", "7d").map(CoverageGranularity::parse);
    }

    /** Slots of a realistic range, negative ones included (times before 1970), in dense runs and alone. */
    @Provide
    Arbitrary<List<Add>> nearbyAdds() {
        Arbitrary<Add> add = Combinators.combine(Arbitraries.longs().between(-60, 60), Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just(0)),
                        Tuple.of(2, Arbitraries.integers().between(1, 12)),
                        Tuple.of(1, Arbitraries.integers().between(13, 40))))
                .as(Add::new);
        return add.list().ofMaxSize(10);
    }

    @Property(tries = 400)
    void slotCoverageMatchesTheBruteForce(@ForAll("granularities") CoverageGranularity granularity, @ForAll("nearbyAdds") List<Add> adds,
                                          @ForAll("nearbySlot") long a, @ForAll("nearbySlot") long b,
                                          @ForAll("nearbySlot") long endSlot, @ForAll("withinSlot") int endOffsetKind,
                                          @ForAll("windowLengths") long window, @ForAll("gapLengths") long minGap) {
        Assume.that(a != b);
        long from = Math.min(a, b);
        long to = Math.max(a, b);
        NavigableSet<Long> expected = bruteForce(adds);
        SlotCoverage coverage = new SlotCoverage(granularity, slotSet(adds), from, to);
        long width = granularity.micros();
        String what = granularity + " [" + from + ", " + to + ") of " + adds;

        long covered = SlotBruteForce.count(expected, from, to);
        assertThat(coverage.coveredSlots()).as("covered %s", what).isEqualTo(covered);
        assertThat(coverage.totalSlots()).as("total %s", what).isEqualTo(to - from);
        assertThat(coverage.ratio()).as("ratio %s", what).isEqualTo((double) covered / (to - from));
        List<SlotRange> gaps = SlotBruteForce.gaps(expected, from, to);
        assertThat(coverage.gapSlots()).as("gaps %s", what).isEqualTo(gaps);
        assertThat(coverage.maxGapSlots()).as("max gap %s", what).isEqualTo(gaps.stream().mapToLong(SlotRange::slots).max().orElse(0));
        List<SlotCoverage.Gap> expectedGaps = gaps.stream().filter(g -> g.slots() >= minGap)
                .map(g -> new SlotCoverage.Gap(instant(g.start(), width), instant(g.end(), width), g.slots())).toList();
        assertThat(coverage.gaps(minGap)).as("gaps of at least %d, %s", minGap, what).isEqualTo(expectedGaps);

        // lastFullyCoveredWindow(end, n): the latest n covered slots in a row within [from, min(to, end rounded up to a slot)).
        long endMicros = endSlot * width + switch (endOffsetKind) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> width / 2;
            default -> width - 1;
        };
        Instant end = Micros.toInstant(endMicros);
        long limit = Math.min(to, SlotBruteForce.ceilSlot(endMicros, width));
        Optional<SlotCoverage.Window> expectedWindow = SlotBruteForce.lastFullWindow(expected, from, limit, window)
                .map(w -> new SlotCoverage.Window(instant(w.start(), width), instant(w.end(), width), window));
        WINDOWS.incrementAndGet();
        expectedWindow.ifPresent(w -> WINDOWS_FOUND.incrementAndGet());
        assertThat(coverage.lastFullyCoveredWindow(end, window)).as("last window of %d ending by %s, %s", window, end, what)
                .isEqualTo(expectedWindow);
    }

    @Provide
    Arbitrary<Long> nearbySlot() {
        return Arbitraries.longs().between(-70, 70);
    }

    @Provide
    Arbitrary<Integer> withinSlot() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<Long> windowLengths() {
        return Arbitraries.longs().between(1, 6);
    }

    @Provide
    Arbitrary<Long> gapLengths() {
        return Arbitraries.longs().between(1, 5);
    }

    private static Instant instant(long slot, long width) {
        return Micros.toInstant(SlotBruteForce.startMicros(slot, width));
    }

    /** At both ends of the long range only the counts and gaps are meaningful (slot starts saturate); they must still be right. */
    @Property(tries = 300)
    void slotCoverageCountsAtTheEndsOfTheLongRange(@ForAll("adds") List<Add> adds, @ForAll("slots") long a, @ForAll("slots") long b) {
        long from = Math.min(a, b);
        long to = Math.max(a, b);
        Assume.that(from < to && to - from > 0); // a range of more than Long.MAX_VALUE slots has no long length
        NavigableSet<Long> expected = bruteForce(adds);
        SlotCoverage coverage = new SlotCoverage(CoverageGranularity.parse("1s"), slotSet(adds), from, to);

        assertThat(coverage.coveredSlots()).isEqualTo(SlotBruteForce.count(expected, from, to));
        assertThat(coverage.totalSlots()).isEqualTo(to - from);
        List<SlotRange> gaps = SlotBruteForce.gaps(expected, from, to);
        assertThat(coverage.gapSlots()).isEqualTo(gaps);
        assertThat(coverage.maxGapSlots()).isEqualTo(gaps.stream().mapToLong(SlotRange::slots).max().orElse(0));
    }

    @Example
    void aWindowNeedsASlotAndAnEmptyRangeIsRefused() {
        SlotCoverage coverage = new SlotCoverage(CoverageGranularity.parse("1h"), SlotSet.of(1, 2, 3), 0, 10);
        assertThatThrownBy(() -> coverage.lastFullyCoveredWindow(Instant.EPOCH, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlotCoverage(CoverageGranularity.parse("1h"), SlotSet.of(), 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
        // The window ends at the end of a covered run, not beyond the slot that holds 'end' (03:30 rounds up to 04:00).
        assertThat(coverage.lastFullyCoveredWindow(Instant.parse("1970-01-01T03:30:00Z"), 2)).get()
                .isEqualTo(new SlotCoverage.Window(Instant.parse("1970-01-01T02:00:00Z"), Instant.parse("1970-01-01T04:00:00Z"), 2));
        assertThat(coverage.lastFullyCoveredWindow(Instant.parse("1970-01-01T03:00:00Z"), 2)).get()
                .isEqualTo(new SlotCoverage.Window(Instant.parse("1970-01-01T01:00:00Z"), Instant.parse("1970-01-01T03:00:00Z"), 2));
    }

    // CoverageGranularity

    /** The accepted forms, written out independently of the parser: 1 to 12 ASCII digits, above 0, then s, m, h or d, fitting in a long of microseconds. */
    private static Optional<Long> expectedMicros(String value) {
        String trimmed = value.trim();
        if (!Pattern.matches("[0-9]{1,12}[smhd]", trimmed)) {
            return Optional.empty();
        }
        BigInteger count = new BigInteger(trimmed.substring(0, trimmed.length() - 1));
        long unit = switch (trimmed.charAt(trimmed.length() - 1)) {
            case 's' -> 1L;
            case 'm' -> 60L;
            case 'h' -> 3_600L;
            default -> 86_400L;
        };
        BigInteger micros = count.multiply(BigInteger.valueOf(unit)).multiply(BigInteger.valueOf(1_000_000L));
        if (count.signum() == 0 || micros.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(micros.longValueExact());
    }

    @Provide
    Arbitrary<String> granularityTexts() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(14);
        Arbitrary<String> unit = Arbitraries.of("s", "m", "h", "d", "S", "H", "ms", "w", "", "x", " h", "1");
        Arbitrary<String> prefix = Arbitraries.of("", "", "", " ", "-", "+", "\t", "١");
        Arbitrary<String> suffix = Arbitraries.of("", "", "", " ", ".5", "\n");
        Arbitrary<String> structured = Combinators.combine(prefix, digits, unit, suffix).as((p, d, u, s) -> p + d + u + s);
        Arbitrary<String> anything = Arbitraries.strings().withChars("0123456789smhd -+.xH").ofMaxLength(8);
        return Arbitraries.frequencyOf(Tuple.of(4, structured), Tuple.of(1, anything));
    }

    @Property(tries = 1000)
    void granularityParsesExactlyTheAcceptedForms(@ForAll("granularityTexts") String text) {
        PARSES.incrementAndGet();
        Optional<Long> expected = expectedMicros(text);
        if (expected.isPresent()) {
            PARSES_ACCEPTED.incrementAndGet();
            CoverageGranularity parsed = CoverageGranularity.parse(text);
            assertThat(parsed.micros()).as("'%s'", text).isEqualTo(expected.get());
            String trimmed = text.trim();
            // Normalised: leading zeros go, and the text parses back to itself.
            assertThat(parsed.text()).isEqualTo(new BigInteger(trimmed.substring(0, trimmed.length() - 1)) + trimmed.substring(trimmed.length() - 1));
            assertThat(CoverageGranularity.parse(parsed.text())).isEqualTo(parsed);
        } else {
            assertThatThrownBy(() -> CoverageGranularity.parse(text)).as("'%s'", text).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("'" + text + "'").hasMessageContaining("coverageGranularity");
        }
    }

    @Example
    void granularityLimits() {
        assertThat(CoverageGranularity.parse(" 007m ").text()).isEqualTo("7m");
        assertThat(CoverageGranularity.parse("106751991d").micros()).isEqualTo(106_751_991L * 86_400_000_000L);
        assertThat(CoverageGranularity.parse("999999999999s").micros()).isEqualTo(999_999_999_999_000_000L);
        for (String refused : List.of("106751992d", "0s", "000d", "1H", "1.5h", "1 h", "+1h", "1e3s", "١h", "1000000000000s")) {
            assertThatThrownBy(() -> CoverageGranularity.parse(refused)).as(refused).isInstanceOf(InvalidOptionException.class);
        }
        assertThatThrownBy(() -> CoverageGranularity.parse(null)).isInstanceOf(InvalidOptionException.class);
    }

    @Provide
    Arbitrary<Long> eventTimes() {
        // Long.MIN_VALUE is left out: no range [from, to) can end there, and endSlot(to) needs to - 1.
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-10L * 86_400_000_000L, 10L * 86_400_000_000L)),
                Tuple.of(1, Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1_000_000_000L)),
                Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE - 1_000_000_000L, Long.MAX_VALUE)),
                Tuple.of(1, Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE)));
    }

    @Provide
    Arbitrary<CoverageGranularity> anyGranularity() {
        return Combinators.combine(Arbitraries.longs().between(1, 1_000), Arbitraries.of("s", "m", "h", "d"))
                .as((n, unit) -> CoverageGranularity.parse(n + unit));
    }

    @Property(tries = 1000)
    void slotsFloorTowardsThePastAndRangesWidenToWholeSlots(@ForAll("anyGranularity") CoverageGranularity granularity,
                                                            @ForAll("eventTimes") long micros) {
        long width = granularity.micros();
        long slot = granularity.slotOf(micros);

        assertThat(slot).as("slot of %d in %s", micros, granularity).isEqualTo(SlotBruteForce.slotOf(micros, width));
        assertThat(granularity.firstSlot(micros)).isEqualTo(slot);
        assertThat(granularity.endSlot(micros)).as("end slot of a range ending at %d in %s", micros, granularity)
                .isEqualTo(SlotBruteForce.ceilSlot(micros, width));
        assertThat(granularity.startMicros(slot)).isEqualTo(SlotBruteForce.startMicros(slot, width));
        assertThat(granularity.startMicros(slot + 1)).isEqualTo(SlotBruteForce.startMicros(slot + 1, width));
        // The slot holds the time: [start, start of the next) contains it (ends saturate at the long range).
        assertThat(granularity.startMicros(slot)).isLessThanOrEqualTo(micros);
        if (granularity.startMicros(slot + 1) != Long.MAX_VALUE) {
            assertThat(granularity.startMicros(slot + 1)).isGreaterThan(micros);
        }
        // Far-out slots saturate instead of wrapping around.
        assertThat(granularity.startMicros(Long.MAX_VALUE / 2)).isEqualTo(SlotBruteForce.startMicros(Long.MAX_VALUE / 2, width));
        assertThat(granularity.startMicros(Long.MIN_VALUE / 2)).isEqualTo(SlotBruteForce.startMicros(Long.MIN_VALUE / 2, width));
    }

    @Example
    void timesBefore1970HaveNegativeSlots() {
        CoverageGranularity hours = CoverageGranularity.parse("1h");
        long oneMicroBeforeEpoch = -1;
        assertThat(hours.slotOf(oneMicroBeforeEpoch)).isEqualTo(-1);
        assertThat(hours.startMicros(-1)).isEqualTo(-3_600_000_000L);
        assertThat(hours.endSlot(oneMicroBeforeEpoch)).isEqualTo(0);
        assertThat(hours.endSlot(0)).isEqualTo(0);
        assertThat(hours.endSlot(1)).isEqualTo(1);
        assertThat(hours.slotOf(Micros.of(Instant.parse("1969-12-31T22:59:59.999999Z")))).isEqualTo(-2);
    }

    @AfterContainer
    static void report() {
        System.out.printf("SlotSetPropertyTest: %d sets, %d ranges checked; %d last-window queries (%d found a window); "
                + "%d granularity texts parsed (%d accepted)%n", SETS.get(), RANGES.get(), WINDOWS.get(), WINDOWS_FOUND.get(), PARSES.get(),
                PARSES_ACCEPTED.get());
    }
}
