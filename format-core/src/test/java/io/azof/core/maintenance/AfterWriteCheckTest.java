package io.azof.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartRef;
import io.azof.core.metadata.SegmentRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bound on a current read's files per bucket that decides compaction after writes from a root (pure, SPEC section 6.8). */
class AfterWriteCheckTest {
    /** A part of {@code bucket} with {@code files} files, {@code bases} of them bases, the newest added by {@code newest}. */
    private static PartRef part(int bucket, int files, int bases, long newest) {
        return new PartRef("p" + bucket + "-" + files + "-" + newest, files, bases,
                new FileStats(bucket, 1, 1, new Object[] {"a"}, new Object[] {"z"}, 0, 1, 0, newest));
    }

    private static SegmentRef segment(long start, PartRef... parts) {
        return new SegmentRef("s" + start, start, start + 99, List.of(parts));
    }

    @Test
    void withoutABaseEveryDeltaOfTheBucketIsRead() {
        List<SegmentRef> segments = List.of(segment(0, part(0, 3, 0, 4), part(1, 2, 0, 4)), segment(100, part(0, 5, 0, 9)));

        assertThat(AfterWriteCheck.filesReadBound(segments, Map.of())).isEqualTo(Map.of(0, 8L, 1, 2L));
        assertThat(AfterWriteCheck.newestBaseSegments(segments)).isEmpty();
    }

    @Test
    void withABaseTheReadTakesItsSegmentAndLaterOnesAndOlderPartsWithFilesAddedAfterWhatItCovers() {
        SegmentRef old = segment(0, part(0, 4, 0, 5));
        SegmentRef late = segment(100, part(0, 3, 0, 12));
        SegmentRef based = segment(200, part(0, 3, 1, 10));
        SegmentRef after = segment(300, part(0, 2, 0, 11));
        List<SegmentRef> segments = List.of(old, late, based, after);

        assertThat(AfterWriteCheck.newestBaseSegments(segments)).isEqualTo(Map.of(0, based));
        // The base covers version 10: the first segment's files are all older, the second's part has one added at 12.
        Map<Integer, Long> bound = AfterWriteCheck.filesReadBound(segments, Map.of(0, new AfterWriteCheck.NewestBase(200, 10)));
        assertThat(bound).isEqualTo(Map.of(0, 1L + 3 + 2 + 2));
    }

    /** A compaction may write a bucket's base as several files (key ranges): the read merges all of them. */
    @Test
    void aBaseWrittenAsSeveralFilesCountsEachOfThem() {
        SegmentRef based = segment(0, part(0, 3, 3, 4));
        Map<Integer, Long> bound = AfterWriteCheck.filesReadBound(List.of(based), Map.of(0, new AfterWriteCheck.NewestBase(0, 4)));
        assertThat(bound).isEqualTo(Map.of(0, 3L));
    }

    @Test
    void theNewestBaseIsTheOneOfTheLatestSegment() {
        SegmentRef first = segment(0, part(0, 2, 1, 3));
        SegmentRef second = segment(100, part(0, 1, 1, 6));
        assertThat(AfterWriteCheck.newestBaseSegments(List.of(second, first))).isEqualTo(Map.of(0, second));
    }
}
