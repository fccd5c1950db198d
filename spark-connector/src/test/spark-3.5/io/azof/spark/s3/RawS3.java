package io.azof.spark.s3;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What the S3 tests do to a bucket behind S3A's back (create it, list, read and delete objects), through the AWS SDK
 * the line's S3A uses; this copy is for the Spark 3.5 line (SDK v1). src/test/spark-4.1 holds the SDK v2 one.
 */
public final class RawS3 implements AutoCloseable {
    private final AmazonS3 client;

    private RawS3(AmazonS3 client) {
        this.client = client;
    }

    public static RawS3 connect(String url, String accessKey, String secretKey) {
        return new RawS3(AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(url, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, secretKey)))
                .build());
    }

    public void createBucket(String bucket) {
        client.createBucket(bucket);
    }

    public String getString(String bucket, String key) {
        return client.getObjectAsString(bucket, key);
    }

    /** Every key under {@code prefix}, across result pages. */
    public List<String> listKeys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request request = new ListObjectsV2Request().withBucketName(bucket).withPrefix(prefix);
        ListObjectsV2Result page;
        do {
            page = client.listObjectsV2(request);
            page.getObjectSummaries().stream().map(S3ObjectSummary::getKey).forEach(keys::add);
            request.setContinuationToken(page.getNextContinuationToken());
        } while (page.isTruncated());
        return keys;
    }

    public void delete(String bucket, String key) {
        client.deleteObject(bucket, key);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
