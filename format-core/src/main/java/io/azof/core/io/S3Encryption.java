package io.azof.core.io;

import io.azof.core.exceptions.InvalidOptionException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * The encryption S3A applies to the objects it writes, read from the same settings S3A reads (the file system's
 * configuration already has the per-bucket {@code fs.s3a.bucket.<name>.*} overrides applied), so that the snapshot
 * files azof PUTs itself are encrypted like every other file of the table.
 *
 * @param key the KMS key id (SSE-KMS, optional) or the base64 customer key (SSE-C, required); null otherwise
 */
record S3Encryption(Method method, String key) {
    static final String ALGORITHM = "fs.s3a.encryption.algorithm";
    static final String KEY = "fs.s3a.encryption.key";
    /** The names before Hadoop 3.3.1, which S3A 3.3 still reads when the new ones are unset. */
    static final String LEGACY_ALGORITHM = "fs.s3a.server-side-encryption-algorithm";
    static final String LEGACY_KEY = "fs.s3a.server-side-encryption.key";

    enum Method { NONE, SSE_S3, SSE_KMS, SSE_C }

    static S3Encryption of(Configuration conf) throws IOException {
        String algorithm = first(conf.getTrimmed(ALGORITHM), conf.getTrimmed(LEGACY_ALGORITHM));
        String key = first(secret(conf, KEY), secret(conf, LEGACY_KEY));
        String name = algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT);
        return switch (name) {
            case "" -> new S3Encryption(Method.NONE, null);
            case "AES256", "SSE-S3" -> new S3Encryption(Method.SSE_S3, null);
            case "SSE-KMS" -> new S3Encryption(Method.SSE_KMS, key);
            case "SSE-C" -> {
                if (key == null) {
                    throw new InvalidOptionException("S3 encryption 'SSE-C' (Hadoop property '" + ALGORITHM + "') needs the customer key in '"
                            + KEY + "'");
                }
                yield new S3Encryption(Method.SSE_C, key);
            }
            case "CSE-KMS", "CSE-CUSTOM" -> throw new InvalidOptionException("S3 client-side encryption '" + algorithm + "' (Hadoop property '"
                    + ALGORITHM + "') is not supported by exclusive-create mode 's3-conditional-put' on Hadoop 3.3: its PUT would store the "
                    + "snapshot unencrypted. Use Hadoop 3.4.2 or later, or set '" + ExclusiveCreate.CONFIG_KEY + "' to 'create-no-overwrite' "
                    + "with one writer at a time.");
            default -> throw new InvalidOptionException("Unknown S3 encryption '" + algorithm + "' in Hadoop property '" + ALGORITHM
                    + "'. Accepted by the conditional PUT: AES256 (SSE-S3), SSE-KMS, SSE-C");
        };
    }

    private static String first(String value, String fallback) {
        return value != null && !value.isEmpty() ? value : fallback;
    }

    private static String secret(Configuration conf, String name) throws IOException {
        char[] value = conf.getPassword(name);
        if (value == null) {
            return null;
        }
        String s = new String(value).trim();
        return s.isEmpty() ? null : s;
    }
}
