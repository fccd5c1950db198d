package io.azof.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.FileStats;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.PrimitiveType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyRangeSectionsTest {
    private static final Comparator<Object[]> ORDER = KeyOrdering.of(List.of(PrimitiveType.LONG));

    private static PlannedFile file(String name, long minKey, long maxKey, long bytes) {
        FileStats stats = new FileStats(0, 1, bytes, new Object[] {minKey}, new Object[] {maxKey}, 0, 0, 0, 1);
        return new PlannedFile(name, FileRole.DELTA, "2024-01", stats);
    }

    private static List<List<String>> names(List<List<PlannedFile>> groups) {
        return groups.stream().map(g -> g.stream().map(PlannedFile::file).sorted().toList()).toList();
    }

    @Test
    void filesChainedByOverlapShareASectionAndDisjointOnesDoNot() {
        List<PlannedFile> files = List.of(file("c", 50, 60, 1), file("a", 0, 10, 1), file("b", 5, 20, 1), file("d", 61, 70, 1));
        assertThat(names(KeyRangeSections.sections(files, ORDER))).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
    }

    @Test
    void aFileStartingAtTheKeyAnotherEndsWithOverlapsIt() {
        List<PlannedFile> files = List.of(file("a", 0, 10, 1), file("b", 10, 20, 1));
        assertThat(names(KeyRangeSections.sections(files, ORDER))).containsExactly(List.of("a", "b"));
    }

    @Test
    void aWideFileJoinsEverythingItSpans() {
        List<PlannedFile> files = List.of(file("a", 0, 1, 1), file("b", 2, 3, 1), file("wide", 0, 100, 1), file("c", 50, 51, 1));
        assertThat(names(KeyRangeSections.sections(files, ORDER))).containsExactly(List.of("a", "b", "c", "wide"));
    }

    @Test
    void packJoinsConsecutiveSectionsUpToTheTargetAndKeepsLargeSectionsAlone() {
        List<List<PlannedFile>> sections = List.of(List.of(file("a", 0, 1, 40)), List.of(file("b", 2, 3, 40)),
                List.of(file("big", 4, 5, 500)), List.of(file("c", 6, 7, 10)), List.of(file("d", 8, 9, 10)));
        assertThat(names(KeyRangeSections.pack(sections, 100)))
                .containsExactly(List.of("a", "b"), List.of("big"), List.of("c", "d"));
    }

    /** Random files: every key lies in the ranges of files of one section only, and no file is lost or doubled. */
    @Test
    void noKeyRangeSpansTwoSectionsOnRandomFiles() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<PlannedFile> files = new ArrayList<>();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                long min = random.nextInt(100);
                files.add(file("f" + i, min, min + random.nextInt(random.nextBoolean() ? 5 : 40), 1 + random.nextInt(50)));
            }
            List<List<PlannedFile>> sections = KeyRangeSections.sections(files, ORDER);
            Map<Long, Integer> sectionOfKey = new HashMap<>();
            for (int s = 0; s < sections.size(); s++) {
                for (PlannedFile f : sections.get(s)) {
                    for (long key = (Long) f.stats().minKey()[0]; key <= (Long) f.stats().maxKey()[0]; key++) {
                        Integer other = sectionOfKey.put(key, s);
                        assertThat(other == null || other == s).as("key %d in sections %s and %d of %s", key, other, s, files).isTrue();
                    }
                }
            }
            assertThat(sections.stream().mapToInt(List::size).sum()).isEqualTo(count);
            List<List<PlannedFile>> splits = KeyRangeSections.pack(sections, 1 + random.nextInt(100));
            assertThat(splits.stream().flatMap(List::stream).toList())
                    .containsExactlyElementsOf(sections.stream().flatMap(List::stream).toList());
        }
    }
}
