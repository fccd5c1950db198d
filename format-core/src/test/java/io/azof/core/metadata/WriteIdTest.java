package io.azof.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What format version 3 keeps of write ids (SPEC section 6.12): per writer its highest sequence, and the latest free-form ids. */
class WriteIdTest {
    @Test
    void anIdEndingInColonAndDigitsIsAWriterAndASequence() {
        assertThat(WriteId.parse("nightly-load:17")).isEqualTo(new WriteId("nightly-load", 17));
        assertThat(WriteId.parse("a:b:0042")).isEqualTo(new WriteId("a:b", 42));
        assertThat(WriteId.parse("batch-17")).isNull();
        assertThat(WriteId.parse(":17")).isNull();
        assertThat(WriteId.parse("load:")).isNull();
        assertThat(WriteId.parse("load:1x")).isNull();
        assertThat(WriteId.parse("load:1234567890123456789")).as("more digits than a long holds").isNull();
    }

    @Test
    void aWritersSequencesAtOrBelowItsHighestAreCommittedAndOthersAreNot() {
        Map<String, Long> writers = CommitInfo.writersAfter(CommitInfo.writersAfter(Map.of(), "etl:5"), "etl:3");
        assertThat(writers).isEqualTo(Map.of("etl", 5L));
        CommitInfo commit = new CommitInfo(1, CommitInfo.APPEND, "etl:3", List.of(), writers, 0, 0, 0, 0);

        assertThat(commit.hasCommitted("etl:5")).isTrue();
        assertThat(commit.hasCommitted("etl:1")).isTrue();
        assertThat(commit.hasCommitted("etl:6")).isFalse();
        assertThat(commit.hasCommitted("other:1")).isFalse();
        assertThat(commit.hasCommitted("etl-5")).isFalse();
    }

    @Test
    void freeFormIdsAreKeptForTheLatestThousandOnly() {
        List<String> recent = List.of();
        for (int i = 0; i < CommitInfo.RECENT_WRITE_IDS + 5; i++) {
            recent = CommitInfo.recentAfter(recent, "file-" + i + ".csv");
        }
        recent = CommitInfo.recentAfter(recent, "etl:9");
        assertThat(recent).hasSize(CommitInfo.RECENT_WRITE_IDS);
        assertThat(recent.get(0)).isEqualTo("file-5.csv");
        assertThat(recent.get(recent.size() - 1)).isEqualTo("file-1004.csv");
        CommitInfo commit = new CommitInfo(1, CommitInfo.APPEND, null, recent, Map.of(), 0, 0, 0, 0);
        assertThat(commit.hasCommitted("file-1004.csv")).isTrue();
        assertThat(commit.hasCommitted("file-4.csv")).isFalse();
    }

    @Test
    void anUpgradeTurnsTheListIntoWritersAndRecentIds() {
        List<String> listed = new ArrayList<>(List.of("etl:1", "x", "etl:4", "etl:2", "y"));
        assertThat(CommitInfo.writersOf(listed)).isEqualTo(Map.of("etl", 4L));
        assertThat(CommitInfo.recentOf(listed)).containsExactly("x", "y");
    }

    @Test
    void anUpgradeGivesWhatApplyingEachIdInTurnGives() {
        // More distinct free-form ids than are kept, ids listed again (inside and outside the kept window) and writers.
        Random random = new Random(42);
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 3 * CommitInfo.RECENT_WRITE_IDS; i++) {
            int pick = random.nextInt(10);
            if (pick < 2) {
                listed.add("w" + random.nextInt(5) + ":" + random.nextInt(10_000));
            } else if (pick < 4 && !listed.isEmpty()) {
                listed.add(listed.get(random.nextInt(listed.size())));
            } else {
                listed.add("file-" + i + ".csv");
            }
        }
        Map<String, Long> writers = Map.of();
        List<String> recent = List.of();
        for (String id : listed) {
            writers = CommitInfo.writersAfter(writers, id);
            recent = CommitInfo.recentAfter(recent, id);
        }

        assertThat(CommitInfo.writersOf(listed)).containsExactlyEntriesOf(writers);
        assertThat(CommitInfo.recentOf(listed)).hasSize(CommitInfo.RECENT_WRITE_IDS).containsExactlyElementsOf(recent);
    }
}
