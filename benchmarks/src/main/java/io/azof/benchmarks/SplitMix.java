package io.azof.benchmarks;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;

import org.apache.spark.sql.Column;

/**
 * The generators' one source of pseudo-random values, in plain Java and as the same Spark expression: value
 * {@code mix(base + index * GOLDEN + group)} of a stream whose {@code base} derives from the seed. The formulas use
 * 64-bit wrapping arithmetic, which is why the benchmark's session turns ANSI mode off.
 */
final class SplitMix {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;

    private SplitMix() {
    }

    /** The base of stream number {@code stream} of the values of {@code seed}: streams are independent of each other. */
    static long streamBase(long seed, int stream) {
        return mix(seed * GOLDEN + stream);
    }

    static long hash(long streamBase, long index, long group) {
        return mix(streamBase + index * GOLDEN + group);
    }

    /** {@link #hash(long, long, long)} with the index a column (e.g. {@code spark.range}'s {@code id}). */
    static Column hash(long streamBase, Column index, long group) {
        return mix(lit(streamBase + group).plus(index.multiply(lit(GOLDEN))));
    }

    /** SplitMix64's finaliser: a cheap bijection on 64 bits whose output bits all depend on every input bit. */
    static long mix(long x) {
        x = (x ^ (x >>> 30)) * MIX_1;
        x = (x ^ (x >>> 27)) * MIX_2;
        return x ^ (x >>> 31);
    }

    static Column mix(Column x) {
        Column first = x.bitwiseXOR(shiftrightunsigned(x, 30)).multiply(lit(MIX_1));
        Column second = first.bitwiseXOR(shiftrightunsigned(first, 27)).multiply(lit(MIX_2));
        return second.bitwiseXOR(shiftrightunsigned(second, 31));
    }
}
