package io.azof.spark.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** An S3-protocol server the tests talk to (S3Proxy in the JVM, or MinIO in a container): its S3A settings and a raw client. */
public record S3TestEndpoint(String name, String url, String accessKey, String secretKey) {

    /**
     * The S3A settings for {@code bucket}, as per-bucket keys ({@code fs.s3a.bucket.<bucket>.*}), so they can be set on the
     * shared Spark session without touching any other test's s3a:// paths.
     */
    public Map<String, String> s3aSettings(String bucket) {
        Map<String, String> settings = new LinkedHashMap<>();
        String prefix = "fs.s3a.bucket." + bucket + ".";
        settings.put(prefix + "endpoint", url);
        settings.put(prefix + "endpoint.region", "us-east-1");
        settings.put(prefix + "path.style.access", "true");
        settings.put(prefix + "connection.ssl.enabled", "false");
        settings.put(prefix + "access.key", accessKey);
        settings.put(prefix + "secret.key", secretKey);
        settings.put(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        return settings;
    }

    public Configuration hadoopConf(String bucket) {
        Configuration conf = new Configuration();
        s3aSettings(bucket).forEach(conf::set);
        return conf;
    }

    /** A new client of the line's AWS SDK for this endpoint; close it after use. */
    public RawS3 client() {
        return RawS3.connect(url, accessKey, secretKey);
    }

    public void createBucket(String bucket) {
        try (RawS3 client = client()) {
            client.createBucket(bucket);
        }
    }
}
