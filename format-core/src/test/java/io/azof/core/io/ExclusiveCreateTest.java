package io.azof.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExclusiveCreateTest {
    @TempDir
    java.nio.file.Path dir;

    private FileSystem localFs() throws Exception {
        return new Path(dir.toUri()).getFileSystem(new Configuration());
    }

    @Test
    void localFileSystemsUseLinkAndOthersByScheme() throws Exception {
        assertThat(ExclusiveCreate.forFileSystem(localFs(), new Configuration())).isEqualTo(ExclusiveCreate.LINK);
        Configuration conf = new Configuration();
        conf.set(ExclusiveCreate.CONFIG_KEY, "rename");
        assertThat(ExclusiveCreate.forFileSystem(localFs(), conf)).isEqualTo(ExclusiveCreate.RENAME);
    }

    @Test
    void unknownConfiguredModeNamesPropertyAndChoices() throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExclusiveCreate.CONFIG_KEY, "hope");
        assertThatThrownBy(() -> ExclusiveCreate.forFileSystem(localFs(), conf))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("azof.commit.exclusive-create")
                .hasMessageContaining("'hope'")
                .hasMessageContaining("link, rename, create-no-overwrite, s3-conditional-put");
    }

    @Test
    void hadoopConditionalCreateIsUsedFromHadoop342Only() {
        assertThat(ExclusiveCreate.atLeast("3.4.2", 3, 4, 2)).isTrue();
        assertThat(ExclusiveCreate.atLeast("3.5.0-SNAPSHOT", 3, 4, 2)).isTrue();
        assertThat(ExclusiveCreate.atLeast("3.4.1", 3, 4, 2)).isFalse();
        assertThat(ExclusiveCreate.atLeast("3.3.4", 3, 4, 2)).isFalse();
        // The Spark 3.5 line builds with Hadoop 3.3.4, which silently ignores the conditional option (so the SDK PUT
        // must be chosen); the Spark 4.1 line builds with 3.4.2, whose S3A honours it.
        String hadoop = org.apache.hadoop.util.VersionInfo.getVersion();
        assertThat(ExclusiveCreate.hadoopConditionalCreate()).as("Hadoop %s", hadoop).isEqualTo(!hadoop.startsWith("3.3."));
        // The SDK v1 is on this test classpath on both lines, but only S3A 3.3 uses it: on 3.4 the PUT must not be chosen.
        assertThat(ExclusiveCreate.s3aUsesSdkV1()).as("Hadoop %s", hadoop).isEqualTo(hadoop.startsWith("3.3."));
    }

    @ParameterizedTest
    // RENAME is left out: Hadoop's local rename replaces targets; that mode is for HDFS, whose rename refuses to.
    @EnumSource(value = ExclusiveCreate.class, names = {"LINK", "CREATE_NO_OVERWRITE"})
    void secondCreateOfTheSameNameFailsAndKeepsTheFirstContent(ExclusiveCreate mode) throws Exception {
        FileSystem fs = localFs();
        Path target = new Path(dir.toUri().toString(), "s1.json");
        assertThat(mode.create(fs, target, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(mode.create(fs, target, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Files.readString(dir.resolve("s1.json"))).isEqualTo("first");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_tmp"))).isEmpty();
        }
    }

    @Test
    void ofManyConcurrentLinkCreatorsExactlyOneWinsEveryTime() throws Exception {
        FileSystem fs = localFs();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                Path target = new Path(dir.toUri().toString(), "s" + round + ".json");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    byte[] content = ("writer-" + writer).repeat(1000).getBytes(StandardCharsets.UTF_8);
                    results.add(pool.submit(() -> {
                        start.await();
                        return ExclusiveCreate.LINK.create(fs, target, content);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
                String content = Files.readString(dir.resolve("s" + round + ".json"));
                assertThat(content).matches("(writer-\\d)+").hasSize(8000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
