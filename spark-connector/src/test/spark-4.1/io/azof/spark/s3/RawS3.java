package io.azof.spark.s3;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the S3 tests do to a bucket behind S3A's back (create it, list, read and delete objects), through the AWS SDK
 * the line's S3A uses; this copy is for the Spark 4.1 line (SDK v2). src/test/spark-3.5 holds the SDK v1 one.
 */
public final class RawS3 implements AutoCloseable {
    private final S3Client client;

    private RawS3(S3Client client) {
        this.client = client;
    }

    public static RawS3 connect(String url, String accessKey, String secretKey) {
        return new RawS3(S3Client.builder()
                .endpointOverride(URI.create(url))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build());
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public String getString(String bucket, String key) {
        return client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asUtf8String();
    }

    /** Every key under {@code prefix}, across result pages. */
    public List<String> listKeys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public void delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        client.close();
    }
}
