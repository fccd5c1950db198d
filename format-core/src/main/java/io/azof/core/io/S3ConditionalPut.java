package io.azof.core.io;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.Protocol;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Create-if-absent on S3 for Hadoop before 3.4.2 (Spark 3.5 ships 3.3.4), whose S3A has no conditional
 * create: one {@code PutObject} with {@code If-None-Match: *} through the AWS SDK v1 that S3A 3.3.4 itself
 * uses. S3 (and S3-compatible servers that implement it) stores the object only if no object of that key
 * exists and answers HTTP 412 otherwise, atomically, so two writers can never both create a snapshot.
 *
 * <p>This is the only class that touches the SDK: format-core declares it optional, and the class is
 * loaded only in mode {@code s3-conditional-put}. The client is built from the same S3A settings the file
 * system was initialised with ({@code fs.getConf()} already has the per-bucket
 * {@code fs.s3a.bucket.<name>.*} overrides applied): endpoint, region, path-style access, SSL, and the
 * access/secret (and session) keys, or else the SDK's default credential chain.
 */
final class S3ConditionalPut {
    /** S3 answers 409 ConditionalRequestConflict when two conditional writes of one key overlap: retry. */
    private static final int MAX_ATTEMPTS = 5;
    private static final Map<String, AmazonS3> CLIENTS = new ConcurrentHashMap<>();

    private S3ConditionalPut() {
    }

    static boolean create(FileSystem fs, Path target, byte[] content) throws IOException {
        URI uri = fs.makeQualified(target).toUri();
        String bucket = uri.getHost();
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        if (bucket == null || key.isEmpty()) {
            throw new IOException("exclusive-create mode 's3-conditional-put' needs an s3a://bucket/key path, not " + target);
        }
        AmazonS3 client = client(fs.getConf());
        for (int attempt = 1; ; attempt++) {
            ObjectMetadata metadata = new ObjectMetadata();
            metadata.setContentLength(content.length);
            PutObjectRequest request = new PutObjectRequest(bucket, key, new ByteArrayInputStream(content), metadata);
            request.putCustomRequestHeader("If-None-Match", "*");
            try {
                client.putObject(request);
                return true;
            } catch (AmazonS3Exception e) {
                if (e.getStatusCode() == 412) {
                    return false;
                }
                if (e.getStatusCode() == 409 && attempt < MAX_ATTEMPTS) {
                    pause(attempt, target);
                    continue;
                }
                if (e.getStatusCode() == 501 || "NotImplemented".equals(e.getErrorCode())) {
                    throw new IOException("The S3 store of " + target + " does not support conditional writes (If-None-Match): "
                            + e.getMessage() + ". Set Hadoop property '" + ExclusiveCreate.CONFIG_KEY
                            + "' to 'create-no-overwrite' and let only one writer at a time write the table.", e);
                }
                throw new IOException("Conditional PUT (If-None-Match: *) of " + target + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IOException("Conditional PUT (If-None-Match: *) of " + target + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void pause(int attempt, Path target) throws InterruptedIOException {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while creating " + target);
        }
    }

    private static AmazonS3 client(Configuration conf) throws IOException {
        String endpoint = conf.getTrimmed("fs.s3a.endpoint", "");
        String region = conf.getTrimmed("fs.s3a.endpoint.region", "");
        boolean pathStyle = conf.getBoolean("fs.s3a.path.style.access", false);
        boolean ssl = conf.getBoolean("fs.s3a.connection.ssl.enabled", true);
        String accessKey = secret(conf, "fs.s3a.access.key");
        String secretKey = secret(conf, "fs.s3a.secret.key");
        String sessionToken = secret(conf, "fs.s3a.session.token");
        String cacheKey = String.join("\u0000", endpoint, region, String.valueOf(pathStyle), String.valueOf(ssl),
                String.valueOf(accessKey), String.valueOf(secretKey), String.valueOf(sessionToken));
        return CLIENTS.computeIfAbsent(cacheKey, k -> build(endpoint, region, pathStyle, ssl, accessKey, secretKey, sessionToken));
    }

    private static AmazonS3 build(String endpoint, String region, boolean pathStyle, boolean ssl,
                                  String accessKey, String secretKey, String sessionToken) {
        AWSCredentialsProvider credentials;
        if (accessKey != null && secretKey != null) {
            credentials = new AWSStaticCredentialsProvider(sessionToken != null
                    ? new BasicSessionCredentials(accessKey, secretKey, sessionToken)
                    : new BasicAWSCredentials(accessKey, secretKey));
        } else {
            credentials = DefaultAWSCredentialsProviderChain.getInstance();
        }
        AmazonS3ClientBuilder builder = AmazonS3ClientBuilder.standard()
                .withCredentials(credentials)
                .withPathStyleAccessEnabled(pathStyle)
                .withClientConfiguration(new ClientConfiguration().withProtocol(ssl ? Protocol.HTTPS : Protocol.HTTP));
        String signingRegion = region.isEmpty() ? "us-east-1" : region;
        if (!endpoint.isEmpty()) {
            String url = endpoint.contains("://") ? endpoint : (ssl ? "https://" : "http://") + endpoint;
            builder.withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(url, signingRegion));
        } else {
            builder.withRegion(signingRegion);
        }
        return builder.build();
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
