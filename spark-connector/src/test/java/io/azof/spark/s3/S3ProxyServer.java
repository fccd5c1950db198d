package io.azof.spark.s3;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;

/**
 * A real S3-protocol server (S3Proxy 4.1.0 over an in-memory blob store) inside the test JVM, so the S3
 * tests run wherever the build runs, Docker or not. S3Proxy's Jetty 12, Servlet 6 and Jackson 3 clash with
 * Spark's on the test classpath, so its fat jar (copied to target/ by maven-dependency-plugin) is loaded
 * in its own class loader whose parent is the platform loader, and driven by reflection.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "azof-access";
    public static final String SECRET_KEY = "azof-secret-key";

    private final URLClassLoader loader;
    private final Object proxy;
    private final int port;

    private S3ProxyServer(URLClassLoader loader, Object proxy, int port) {
        this.loader = loader;
        this.proxy = proxy;
        this.port = port;
    }

    public static S3ProxyServer start() throws Exception {
        String jar = System.getProperty("azof.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        File file = new File(jar);
        if (!file.isFile()) {
            throw new IllegalStateException("S3Proxy jar not found at " + file.getAbsolutePath()
                    + " (maven-dependency-plugin copies it in process-test-resources)");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {file.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Properties properties = new Properties();
            properties.setProperty("s3proxy.identity", ACCESS_KEY);
            properties.setProperty("s3proxy.credential", SECRET_KEY);
            Class<?> blobStores = loader.loadClass("org.gaul.s3proxy.BlobStores");
            Object blobStore = blobStores.getMethod("create", String.class, Properties.class).invoke(null, "transient", properties);

            Class<?> s3ProxyClass = loader.loadClass("org.gaul.s3proxy.S3Proxy");
            Object builder = s3ProxyClass.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            Class<?> blobStoreClass = loader.loadClass("org.gaul.s3proxy.blobstore.BlobStore");
            builderClass.getMethod("blobStore", blobStoreClass).invoke(builder, blobStore);
            builderClass.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:0"));
            Class<?> authType = loader.loadClass("org.gaul.s3proxy.auth.AuthenticationType");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object v2OrV4 = Enum.valueOf((Class) authType, "AWS_V2_OR_V4");
            builderClass.getMethod("awsAuthentication", authType, String.class, String.class).invoke(builder, v2OrV4, ACCESS_KEY, SECRET_KEY);
            Object proxy = builderClass.getMethod("build").invoke(builder);
            s3ProxyClass.getMethod("start").invoke(proxy);
            Method state = s3ProxyClass.getMethod("getState");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(state.invoke(proxy))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + state.invoke(proxy));
                }
                Thread.sleep(10);
            }
            int port = (int) s3ProxyClass.getMethod("getPort").invoke(proxy);
            return new S3ProxyServer(loader, proxy, port);
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.getClass().getMethod("stop").invoke(proxy);
        } finally {
            loader.close();
        }
    }
}
