package io.azof.spark.catalog;

/**
 * Where an identifier of an {@link io.azof.spark.AzofCatalog} points: a table directory, and how users named it.
 *
 * @param displayName the name as users write it, with the catalog: {@code lake.db.prices}, {@code lake.`/data/prices`}
 * @param location the table directory, fully qualified ({@code file:/…}, {@code s3a://…})
 * @param byPath true for a path identifier: a table outside the warehouse, which the catalog reaches but does not own
 */
public record TablePlace(String displayName, String location, boolean byPath) {
}
