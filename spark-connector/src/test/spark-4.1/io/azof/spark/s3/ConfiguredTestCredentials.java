package io.azof.spark.s3;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * An S3A credential provider (fs.s3a.aws.credentials.provider) for tests, in the SDK v2 form S3A 3.4 takes: it hands
 * out the keys of {@link #ACCESS_KEY} and {@link #SECRET_KEY}, settings S3A itself does not read, so a request signs
 * correctly only if it went through S3A's provider chain. src/test/spark-3.5 holds the SDK v1 form.
 */
public final class ConfiguredTestCredentials implements AwsCredentialsProvider {
    public static final String ACCESS_KEY = "azof.test.s3.access-key";
    public static final String SECRET_KEY = "azof.test.s3.secret-key";

    private final AwsCredentials credentials;

    public ConfiguredTestCredentials(URI bucket, Configuration conf) {
        this.credentials = AwsBasicCredentials.create(conf.get(ACCESS_KEY), conf.get(SECRET_KEY));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return credentials;
    }
}
