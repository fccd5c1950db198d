package io.azof.core.io;

import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import com.amazonaws.services.s3.model.SSEAwsKeyManagementParams;
import com.amazonaws.services.s3.model.SSECustomerKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Create-if-absent on S3 for Hadoop 3.3 (Spark 3.5 ships 3.3.4), whose S3A has no conditional create: one
 * {@code PutObject} with {@code If-None-Match: *}, sent with S3A's own AWS SDK v1 client. S3 (and S3-compatible
 * servers that implement it) stores the object only if no object of that key exists and answers HTTP 412 otherwise,
 * atomically, so two writers can never both create a snapshot.
 *
 * <p>Using the file system's client, rather than one built from the settings, means the PUT goes where S3A's
 * requests go and signs as they do: endpoint, region, path style, proxy, and every S3A credential provider
 * ({@code fs.s3a.aws.credentials.provider}, assumed roles, instance profiles, per-bucket keys). The encryption
 * S3A applies per request is applied here too ({@link S3Encryption}).
 *
 * <p>This is the only class that touches the SDK: format-core declares it optional, and the class is loaded only
 * in mode {@code s3-conditional-put} on Hadoop 3.3.
 */
final class S3ConditionalPut {
    /** S3 answers 409 ConditionalRequestConflict when two conditional writes of one key overlap: retry. */
    private static final int MAX_ATTEMPTS = 5;
    /** S3A logs a warning on every client request, so each file system's client is asked for once. */
    private static final Map<FileSystem, AmazonS3> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private S3ConditionalPut() {
    }

    static boolean create(FileSystem fs, Path target, byte[] content) throws IOException {
        URI uri = fs.makeQualified(target).toUri();
        String bucket = uri.getHost();
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        if (bucket == null || key.isEmpty()) {
            throw new IOException("exclusive-create mode 's3-conditional-put' needs an s3a://bucket/key path, not " + target);
        }
        S3Encryption encryption = S3Encryption.of(fs.getConf());
        AmazonS3 client = s3aClient(fs, target);
        for (int attempt = 1; ; attempt++) {
            try {
                client.putObject(request(bucket, key, content, encryption));
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

    /** The PUT that stores {@code content} at {@code key} only if the key is free, encrypted as S3A would. */
    static PutObjectRequest request(String bucket, String key, byte[] content, S3Encryption encryption) {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setContentLength(content.length);
        PutObjectRequest request = new PutObjectRequest(bucket, key, new ByteArrayInputStream(content), metadata);
        request.putCustomRequestHeader("If-None-Match", "*");
        switch (encryption.method()) {
            case NONE -> { }
            case SSE_S3 -> metadata.setSSEAlgorithm(ObjectMetadata.AES_256_SERVER_SIDE_ENCRYPTION);
            case SSE_KMS -> request.setSSEAwsKeyManagementParams(encryption.key() == null
                    ? new SSEAwsKeyManagementParams() : new SSEAwsKeyManagementParams(encryption.key()));
            case SSE_C -> request.setSSECustomerKey(new SSECustomerKey(encryption.key()));
        }
        return request;
    }

    /**
     * S3A 3.3's client. It is reached through the public {@code getAmazonS3ClientForTesting}, the one accessor S3A
     * 3.3 offers (its name is S3A's; it only logs a warning), by reflection because format-core does not depend on
     * hadoop-aws.
     */
    private static AmazonS3 s3aClient(FileSystem fs, Path target) throws IOException {
        synchronized (CLIENTS) {
            AmazonS3 client = CLIENTS.get(fs);
            if (client == null) {
                client = lookUpClient(fs, target);
                CLIENTS.put(fs, client);
            }
            return client;
        }
    }

    private static AmazonS3 lookUpClient(FileSystem fs, Path target) throws IOException {
        Object client;
        try {
            client = fs.getClass().getMethod("getAmazonS3ClientForTesting", String.class)
                    .invoke(fs, "azof: conditional PUT (If-None-Match) of snapshot files, which S3A 3.3 cannot create atomically");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            client = null;
        } catch (InvocationTargetException e) {
            throw new IOException("Cannot get the S3A client of " + fs.getUri() + " to create " + target + ": " + e.getCause(), e.getCause());
        }
        if (client instanceof AmazonS3 amazonS3) {
            return amazonS3;
        }
        throw new IOException("exclusive-create mode 's3-conditional-put' on Hadoop " + org.apache.hadoop.util.VersionInfo.getVersion()
                + " needs S3A 3.3's AWS SDK v1 client, which " + fs.getClass().getName() + " does not offer; cannot create " + target
                + ". Use Hadoop 3.4.2 or later, or set Hadoop property '" + ExclusiveCreate.CONFIG_KEY
                + "' to 'create-no-overwrite' and let only one writer at a time write the table.");
    }

    private static void pause(int attempt, Path target) throws InterruptedIOException {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while creating " + target);
        }
    }
}
