package io.azof.spark.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.io.ExclusiveCreate;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.TableStorage;
import io.azof.core.testing.CreationRace;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC 6.5 on S3: writers racing to create the same snapshot file against a real S3-protocol server. With
 * {@code s3-conditional-put} exactly one wins in every round and its content is what is stored; the control
 * runs the same race with S3A's plain {@code create(overwrite=false)}, which checks at open and uploads at
 * close (Hadoop 3.3.4 and 3.4.2 alike), and shows several writers all "winning" — so this race does catch a non-atomic create.
 */
class S3ConditionalCreateRaceTest {
    private static final int WRITERS = 8;
    private static final int ROUNDS = 30;
    private static final String BUCKET = "azof-race";
    private static final int CREATION_ROUNDS = 8;

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = new S3ProxyExtension(BUCKET);

    /** Winners per round: for each round, which writers' create returned true. */
    private static List<List<Integer>> race(ExclusiveCreate mode, String prefix) throws Exception {
        Configuration conf = S3_PROXY.endpoint().hadoopConf(BUCKET);
        FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (RawS3 raw = S3_PROXY.endpoint().client()) {
            List<List<Integer>> winners = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Path target = new Path("s3a://" + BUCKET + "/" + prefix + "/_snapshots/s" + round + ".json");
                // All writers reach create() together, as two committers of the same version would.
                CyclicBarrier barrier = new CyclicBarrier(WRITERS);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    byte[] content = content(w);
                    results.add(pool.submit(() -> {
                        barrier.await();
                        return mode.create(fs, target, content);
                    }));
                }
                List<Integer> roundWinners = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    if (results.get(w).get(60, TimeUnit.SECONDS)) {
                        roundWinners.add(w);
                    }
                }
                winners.add(roundWinners);
                if (roundWinners.size() == 1) {
                    String stored = raw.getString(BUCKET, target.toUri().getPath().substring(1));
                    assertThat(stored).as("round %d: the stored snapshot is the winner's", round)
                            .isEqualTo(new String(content(roundWinners.get(0)), StandardCharsets.UTF_8));
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
            fs.close();
        }
    }

    private static byte[] content(int writer) {
        return ("{\"writer\":" + writer + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withConditionalPutExactlyOneWriterCreatesEachVersion() throws Exception {
        List<List<Integer>> winners = race(ExclusiveCreate.S3_CONDITIONAL_PUT, "conditional");
        System.out.println("s3-conditional-put: winners per round " + winners);
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(winners.get(round)).as("winners of round %d", round).hasSize(1);
        }
    }

    @Test
    void controlCreateNoOverwriteLetsTwoWritersCreateTheSameVersion() throws Exception {
        List<List<Integer>> winners = race(ExclusiveCreate.CREATE_NO_OVERWRITE, "control");
        long doubleWins = winners.stream().filter(w -> w.size() > 1).count();
        System.out.println("create-no-overwrite (control): rounds with more than one winner " + doubleWins + " of " + ROUNDS + ": " + winners);
        assertThat(doubleWins).as("rounds in which S3A's non-atomic create let several writers win").isPositive();
    }

    /**
     * Table creation through format-core's API on S3 (SPEC section 6.5, item 8): CREATE TABLE, create writes and upgrades
     * racing for one table, several rounds; exactly one wins each and the others fail typed, nothing of theirs stored.
     */
    @Test
    void ofConcurrentTableCreatorsOnS3ExactlyOneWins() throws Exception {
        Configuration conf = S3_PROXY.endpoint().hadoopConf(BUCKET);
        HadoopStorage storage = new HadoopStorage(conf);
        TableStorage source = storage.table("s3a://" + BUCKET + "/creation/legacy-source");
        CreationRace.writeLegacySource(source);
        for (int round = 0; round < CREATION_ROUNDS; round++) {
            CreationRace.Round result = CreationRace.run(storage.table("s3a://" + BUCKET + "/creation/t" + round), source, 2,
                    UnaryOperator.identity());
            CreationRace.assertExactlyOneWon(result, 6);
        }
    }

    /** The bucket's S3A settings with no keys: the credentials come only from {@link ConfiguredTestCredentials}. */
    private static Configuration credentialsFromProviderOnly(String secretKey) {
        Configuration conf = S3_PROXY.endpoint().hadoopConf(BUCKET);
        String prefix = "fs.s3a.bucket." + BUCKET + ".";
        conf.unset(prefix + "access.key");
        conf.unset(prefix + "secret.key");
        conf.set(prefix + "aws.credentials.provider", ConfiguredTestCredentials.class.getName());
        conf.set(ConfiguredTestCredentials.ACCESS_KEY, S3ProxyServer.ACCESS_KEY);
        conf.set(ConfiguredTestCredentials.SECRET_KEY, secretKey);
        return conf;
    }

    @Test
    void conditionalPutSignsThroughS3asCredentialProviders() throws Exception {
        Path target = new Path("s3a://" + BUCKET + "/provider/_snapshots/s1.json");
        try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), credentialsFromProviderOnly(S3ProxyServer.SECRET_KEY));
             RawS3 raw = S3_PROXY.endpoint().client()) {
            assertThat(ExclusiveCreate.S3_CONDITIONAL_PUT.create(fs, target, content(1))).isTrue();
            assertThat(ExclusiveCreate.S3_CONDITIONAL_PUT.create(fs, target, content(2))).isFalse();
            assertThat(raw.getString(BUCKET, "provider/_snapshots/s1.json")).isEqualTo(new String(content(1), StandardCharsets.UTF_8));
        }
        // Control: the same provider with a wrong secret makes the server refuse the PUT, so it is the provider that signs.
        Path other = new Path("s3a://" + BUCKET + "/provider/_snapshots/s2.json");
        Configuration wrongSecret = credentialsFromProviderOnly("not-the-secret");
        // S3A (and its SDK client) would otherwise retry the refused request for minutes.
        wrongSecret.setInt("fs.s3a.bucket." + BUCKET + ".attempts.maximum", 1);
        wrongSecret.setInt("fs.s3a.bucket." + BUCKET + ".retry.limit", 1);
        try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), wrongSecret)) {
            assertThatThrownBy(() -> ExclusiveCreate.S3_CONDITIONAL_PUT.create(fs, other, content(3))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void s3aDefaultsToConditionalPut() throws Exception {
        // The Spark 3.5 line has it through the SDK v1 on the classpath, the Spark 4.1 line through Hadoop 3.4.2's S3A.
        Configuration conf = S3_PROXY.endpoint().hadoopConf(BUCKET);
        try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf)) {
            assertThat(ExclusiveCreate.forFileSystem(fs, conf)).isEqualTo(ExclusiveCreate.S3_CONDITIONAL_PUT);
        }
    }
}
