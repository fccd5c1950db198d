package io.azof.core.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.BaseFile;
import io.azof.core.metadata.ChunkRef;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.PartManifest;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What one commit does to one part of a format version 3 table: pure, on made-up deltas (SPEC section 6.12). */
class PartChangeTest {
    private static final Comparator<Object[]> KEYS = KeyOrdering.of(StructType.of(new StructField("k", PrimitiveType.STRING, false)));
    private static final int CHUNK = 4;

    /** Chunks written so far, by name, as a store would hold them. */
    private final Map<String, List<DeltaFile>> store = new HashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final List<String> loaded = new ArrayList<>();

    private static DeltaFile delta(String name, String minKey, String maxKey) {
        return new DeltaFile(name, 0, 10, new FileStats(0, 5, 100, new Object[] {minKey}, new Object[] {maxKey}, 1, 2, 0, 1));
    }

    private PartChange.Result apply(PartManifest current, Set<String> removed, List<DeltaFile> added) {
        PartChange.Result result = PartChange.apply(current, chunk -> {
            loaded.add(chunk.file());
            return store.get(chunk.file());
        }, removed, List.of(), added, KEYS, CHUNK, () -> "c" + names.incrementAndGet());
        store.putAll(result.newChunks());
        return result;
    }

    private static List<DeltaFile> deltas(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> delta("d" + i, String.format("k%02d", i), String.format("k%02d", i))).toList();
    }

    @Test
    void aPartListsItsDeltasItselfUpToTheChunkSize() {
        PartChange.Result result = apply(null, Set.of(), deltas(0, CHUNK));

        assertThat(result.manifest().isChunked()).isFalse();
        assertThat(result.manifest().deltas()).hasSize(CHUNK);
        assertThat(result.newChunks()).isEmpty();
    }

    @Test
    void beyondItTheDeltasGoIntoChunksOfNeighbouringKeys() {
        List<DeltaFile> shuffled = new ArrayList<>(deltas(0, 10));
        java.util.Collections.reverse(shuffled);

        PartChange.Result result = apply(null, Set.of(), shuffled);

        assertThat(result.manifest().deltas()).isEmpty();
        assertThat(result.manifest().chunks()).extracting(ChunkRef::files).containsExactly(4, 4, 2);
        assertThat(result.manifest().chunks()).extracting(c -> c.summary().minKey()[0] + ".." + c.summary().maxKey()[0])
                .containsExactly("k00..k03", "k04..k07", "k08..k09");
        assertThat(result.manifest().chunks().get(0).summary().rows()).isEqualTo(20);
    }

    @Test
    void anAppendRewritesOnlyTheLastChunkWhileItHasRoom() {
        PartManifest ten = apply(null, Set.of(), deltas(0, 10)).manifest();
        loaded.clear();

        PartChange.Result result = apply(ten, Set.of(), deltas(10, 11));

        assertThat(loaded).as("only the last, not full, chunk is read").containsExactly(ten.chunks().get(2).file());
        assertThat(result.manifest().chunks().subList(0, 2)).isEqualTo(ten.chunks().subList(0, 2));
        assertThat(result.newChunks()).hasSize(1);
        assertThat(result.newChunks().values().iterator().next()).extracting(DeltaFile::file).containsExactly("d8", "d9", "d10");
    }

    @Test
    void aRemovalRewritesTheChunksHoldingWhatItRemovesAndKeepsTheOthers() {
        PartManifest twelve = apply(null, Set.of(), deltas(0, 12)).manifest();

        PartChange.Result result = apply(twelve, Set.of("d5", "d6"), List.of(delta("run", "k05", "k06")));

        assertThat(result.removed()).containsExactlyInAnyOrder("d5", "d6");
        assertThat(result.rowsRemoved()).isEqualTo(10);
        assertThat(result.manifest().chunks()).contains(twelve.chunks().get(0), twelve.chunks().get(2));
        assertThat(result.manifest().chunks()).doesNotContain(twelve.chunks().get(1));
        List<String> files = new ArrayList<>();
        for (ChunkRef chunk : result.manifest().chunks()) {
            store.get(chunk.file()).forEach(d -> files.add(d.file()));
        }
        assertThat(files).containsExactlyInAnyOrder("d0", "d1", "d2", "d3", "d4", "run", "d7", "d8", "d9", "d10", "d11");
    }

    @Test
    void aPartLeftSmallGoesBackToListingItsDeltasAndAnEmptyPartIsDropped() {
        PartManifest ten = apply(null, Set.of(), deltas(0, 10)).manifest();

        PartChange.Result few = apply(ten, Set.of("d0", "d1", "d2", "d3", "d4", "d5", "d6"), List.of());
        assertThat(few.manifest().isChunked()).isFalse();
        assertThat(few.manifest().deltas()).extracting(DeltaFile::file).containsExactlyInAnyOrder("d7", "d8", "d9");

        PartChange.Result none = apply(few.manifest(), Set.of("d7", "d8", "d9"), List.of());
        assertThat(none.manifest()).isNull();
        assertThat(none.rowsRemoved()).isEqualTo(15);
    }

    @Test
    void basesStayInTheManifestAndAreRemovedByName() {
        BaseFile base = new BaseFile("base", new FileStats(0, 7, 70, new Object[] {"a"}, new Object[] {"z"}, 1, 2, 0, 3), 2);
        PartManifest withBase = PartChange.apply(null, chunk -> List.of(), Set.of(), List.of(base), deltas(0, 2), KEYS, CHUNK, () -> "x").manifest();
        assertThat(withBase.bases()).containsExactly(base);

        PartChange.Result replaced = PartChange.apply(withBase, chunk -> List.of(), Set.of("base"), List.of(), List.of(), KEYS, CHUNK, () -> "y");
        assertThat(replaced.manifest().bases()).isEmpty();
        assertThat(replaced.rowsRemoved()).isEqualTo(7);
    }
}
