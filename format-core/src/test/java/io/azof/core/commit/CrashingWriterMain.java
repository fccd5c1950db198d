package io.azof.core.commit;

import io.azof.core.Table;
import io.azof.core.io.HadoopTableStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The writer process {@link CrashSafetyTest} kills. It first warms up (class loading, JIT) by writing a
 * few batches to a scratch table of its own, so the test can start it while the previous writer runs
 * and kills land in steady-state writes. Then it reads {@code <table location> <first batch>} from
 * stdin and appends batches {@code first, first+1, ...} to that table, one commit each, reporting
 * every commit on stdout as {@code committed <version> <batch>} ({@code skipped <version> <batch>}
 * when the table already had the batch's write id).
 *
 * <p>Argument: the scratch table's location.
 */
public final class CrashingWriterMain {
    static final int ROWS_PER_BATCH = 40;
    /** Far more than a run lives before it is killed; bounds a child the test fails to kill. */
    private static final int MAX_BATCHES = 10_000;
    private static final int WARM_UP_BATCHES = 2;

    private CrashingWriterMain() {
    }

    /** The write id of a batch, also the origin of each of its rows. */
    static String batchId(long batch) {
        return "batch-" + batch;
    }

    /** Always the same rows for a batch, so a batch retried after a crash is the same write. */
    static List<Object[]> rows(long batch) {
        return CommitTestTable.rows(batchId(batch), batchId(batch), ROWS_PER_BATCH);
    }

    public static void main(String[] args) throws IOException {
        Configuration conf = new Configuration();
        Table scratch = Table.forStorage(new HadoopTableStorage(args[0], conf));
        for (long batch = 0; batch < WARM_UP_BATCHES; batch++) {
            scratch.newWrite(CommitTestTable.APPEND).rows(CommitTestTable.SCHEMA, rows(batch)).commit();
        }
        String job = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (job == null) {
            return;
        }
        String[] words = job.split(" ");
        Table writer = Table.forStorage(new HadoopTableStorage(words[0], conf));
        long first = Long.parseLong(words[1]);
        for (long batch = first; batch < first + MAX_BATCHES; batch++) {
            CommitResult result = writer.newWrite(CommitTestTable.APPEND.withWriteId(batchId(batch))).rows(CommitTestTable.SCHEMA, rows(batch)).commit();
            System.out.println((result.skipped() ? "skipped " : "committed ") + result.version() + " " + batch);
            System.out.flush();
        }
    }
}
