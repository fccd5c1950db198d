package io.azof.spark.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;

/**
 * {@code spark.azof.read.maxOpenFiles} defaults by where the table lives (SPEC section 6.4): on an object store each open
 * file holds a connection of S3A's bounded pool, so the Spark line's small default applies; the local file system and
 * HDFS have no such pool, and a tight bound there would only make reads pre-merge into spills for nothing.
 */
class MaxOpenFilesDefaultTest {
    private static TableLocation at(String path) {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", "file:///");
        return new TableLocation(path, conf);
    }

    @Test
    void objectStoresGetTheSparkLinesDefaultAndOtherFileSystemsALargerOne() {
        SQLConf conf = new SQLConf();
        assertThat(SparkOptions.maxOpenFiles(conf, at("s3a://bucket/tables/ticks"))).isEqualTo(SparkLine.DEFAULT_MAX_OPEN_FILES);
        assertThat(SparkOptions.maxOpenFiles(conf, at("gs://bucket/tables/ticks"))).isEqualTo(SparkLine.DEFAULT_MAX_OPEN_FILES);
        assertThat(SparkOptions.maxOpenFiles(conf, at("abfss://c@account.dfs.core.windows.net/ticks")))
                .isEqualTo(SparkLine.DEFAULT_MAX_OPEN_FILES);
        assertThat(SparkOptions.maxOpenFiles(conf, at("file:/data/ticks"))).isEqualTo(SparkOptions.UNPOOLED_MAX_OPEN_FILES);
        assertThat(SparkOptions.maxOpenFiles(conf, at("/data/ticks"))).as("no scheme: the default file system, here local")
                .isEqualTo(SparkOptions.UNPOOLED_MAX_OPEN_FILES);
        assertThat(SparkOptions.maxOpenFiles(conf, at("hdfs://namenode:8020/data/ticks"))).isEqualTo(SparkOptions.UNPOOLED_MAX_OPEN_FILES);
        assertThat(SparkLine.DEFAULT_MAX_OPEN_FILES).isLessThan(SparkOptions.UNPOOLED_MAX_OPEN_FILES);
    }

    @Test
    void aPathWithoutSchemeOnAnObjectStoreDefaultFileSystemGetsTheObjectStoreDefault() {
        Configuration s3Default = new Configuration(false);
        s3Default.set("fs.defaultFS", "s3a://warehouse");
        assertThat(SparkOptions.maxOpenFiles(new SQLConf(), new TableLocation("/tables/ticks", s3Default)))
                .isEqualTo(SparkLine.DEFAULT_MAX_OPEN_FILES);
    }

    @Test
    void aSetValueAppliesEverywhereAndABadOneIsRefusedByName() {
        SQLConf conf = new SQLConf();
        conf.setConfString(SparkOptions.MAX_OPEN_FILES, "5");
        assertThat(SparkOptions.maxOpenFiles(conf, at("s3a://bucket/t"))).isEqualTo(5);
        assertThat(SparkOptions.maxOpenFiles(conf, at("file:/data/t"))).isEqualTo(5);
        conf.setConfString(SparkOptions.MAX_OPEN_FILES, "1");
        assertThatThrownBy(() -> SparkOptions.maxOpenFiles(conf, at("file:/data/t")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("spark.azof.read.maxOpenFiles").hasMessageContaining("'1'").hasMessageContaining("at least 2");
    }
}
