package io.azof.spark.read;

import io.azof.core.scan.ScanTask;
import org.apache.spark.sql.connector.read.InputPartition;

/** The whole planned read of one table: where it lives and which files to merge, in which order. */
public record AzofInputPartition(String tablePath, ScanTask task) implements InputPartition {
}
