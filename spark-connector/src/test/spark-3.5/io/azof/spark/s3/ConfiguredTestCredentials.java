package io.azof.spark.s3;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;

/**
 * An S3A credential provider (fs.s3a.aws.credentials.provider) for tests, in the SDK v1 form S3A 3.3 takes: it hands
 * out the keys of {@link #ACCESS_KEY} and {@link #SECRET_KEY}, settings S3A itself does not read, so a request signs
 * correctly only if it went through S3A's provider chain. src/test/spark-4.1 holds the SDK v2 form.
 */
public final class ConfiguredTestCredentials implements AWSCredentialsProvider {
    public static final String ACCESS_KEY = "azof.test.s3.access-key";
    public static final String SECRET_KEY = "azof.test.s3.secret-key";

    private final AWSCredentials credentials;

    public ConfiguredTestCredentials(URI bucket, Configuration conf) {
        this.credentials = new BasicAWSCredentials(conf.get(ACCESS_KEY), conf.get(SECRET_KEY));
    }

    @Override
    public AWSCredentials getCredentials() {
        return credentials;
    }

    @Override
    public void refresh() {
    }
}
