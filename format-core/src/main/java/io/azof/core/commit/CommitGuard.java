package io.azof.core.commit;

import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.SnapshotRoot;
import java.util.List;

/**
 * A decision a write makes against the very version it commits on, made again on every attempt of the commit: an append's
 * overlap policy (SPEC section 6.15), which must see what concurrent appends committed before it.
 */
@FunctionalInterface
public interface CommitGuard {
    /**
     * @param files the files to commit, as written: a guard always decides from these, never from its own earlier answer
     * @param rowsDropped rows of the written files the commit leaves out
     */
    record Decision(List<NewDataFile> files, long rowsDropped) {
        public Decision {
            files = List.copyOf(files);
        }
    }

    /**
     * The files to commit on top of {@code latest}, with the rows they leave out; none with rows dropped: commit nothing.
     *
     * @param latest the latest version, its segments resolved
     * @throws io.azof.core.exceptions.AzofException to fail the commit, which then commits nothing
     */
    Decision decide(SnapshotRoot latest, List<NewDataFile> files);
}
