package io.azof.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime jar on a plain Spark class path, launched the way spark-submit launches an application:
 * a new JVM running {@code org.apache.spark.deploy.SparkSubmit} with Spark's own jars only on its class path,
 * azof from {@code --jars}, and an application jar compiled here against Spark alone.
 *
 * <p>Runs in the integration-test phase (after package builds the jar): {@code mvn verify}.
 */
class RuntimeJarIT {
    private static final String PREFIX = "AZOF-APP ";
    /** key, event time (UTC, noon so no as-of date falls on it), price. */
    private static final List<Record> DATA = List.of(
            new Record("ACME", "2024-01-10T12:00:00Z", 10.5),
            new Record("ACME", "2024-01-20T12:00:00Z", 12.25),
            new Record("BOLT", "2024-01-15T12:00:00Z", 5.0),
            new Record("BOLT", "2024-01-25T12:00:00Z", 6.75),
            new Record("CORE", "2024-01-30T12:00:00Z", 7.0));
    /** Dates: the start of that day in the session time zone (UTC here). */
    private static final List<String> AS_OF = List.of("2024-01-05", "2024-01-18", "2024-01-22", "2024-02-01");

    private static Path runtimeJar;
    private static Path work;
    private static List<String> sparkClassPath;
    private static Path appJar;

    record Record(String key, String eventTime, double price) {
    }

    @BeforeAll
    static void prepare() throws Exception {
        // Only the runtime-jar-it execution (integration-test phase) sets it; -Dtest=RuntimeJarIT also selects
        // this class in the test phase, before package, where it has nothing to test.
        Assumptions.assumeTrue(System.getProperty("azof.runtime.jar") != null,
                "runs in the integration-test phase only (mvn verify)");
        runtimeJar = Path.of(required("azof.runtime.jar"));
        assertThat(runtimeJar).as("the runtime jar; build it with package first").isRegularFile();
        work = Path.of(required("azof.runtime.work.dir"));
        TestFiles.deleteRecursivelyIfExists(work);
        Files.createDirectories(work);
        sparkClassPath = sparkOnlyClassPath();
        appJar = compileApp();
    }

    @Test
    void runtimeJarHoldsAzofOnlyAndRegistersTheDataSource() throws IOException {
        try (JarFile jar = new JarFile(runtimeJar.toFile())) {
            List<String> foreign = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.startsWith("io/azof/") && !name.startsWith("META-INF/") && !name.equals("io/")) {
                    foreign.add(name);
                }
            }
            assertThat(foreign).as("classes Spark already ships must not be bundled").isEmpty();
            JarEntry services = jar.getJarEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
            assertThat(services).isNotNull();
            String registered = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(registered).contains(AzofDataSource.class.getName());
            assertThat(jar.getJarEntry("io/azof/core/merge/")).as("format-core is bundled").isNotNull();
            assertThat(jar.getJarEntry(AzofDataSource.class.getName().replace('.', '/') + ".class")).isNotNull();
        }
    }

    @Test
    void sparkSubmitWithTheRuntimeJarWritesAndReadsAsOf() throws Exception {
        Path table = work.resolve("prices");
        Launch launch = submit(true, table);
        assertThat(launch.exitCode()).as(launch.output()).isZero();
        List<String> lines = launch.output().lines()
                .filter(l -> l.startsWith(PREFIX))
                .map(l -> l.substring(PREFIX.length()))
                .collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        expected.add("wrote " + DATA.size());
        for (String asOf : AS_OF) {
            Map<String, Double> rows = expectedAsOf(LocalDate.parse(asOf).atStartOfDay().toInstant(ZoneOffset.UTC));
            for (String how : List.of("read", "sql")) {
                expected.add(how + " " + asOf + " rows " + rows.size());
                rows.forEach((key, price) -> expected.add(how + " " + asOf + " " + key + " " + price));
            }
        }
        System.out.println("RuntimeJarIT: SparkSubmit --master local[2] --jars " + runtimeJar.getFileName() + " (Spark "
                + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ") printed:\n  " + String.join("\n  ", lines));
        assertThat(lines).as(launch.output()).containsExactlyElementsOf(expected);
        try (Stream<Path> written = Files.list(table)) {
            assertThat(written).as("the table the application wrote").isNotEmpty();
        }
    }

    @Test
    void withoutTheRuntimeJarTheDataSourceIsNotFound() throws Exception {
        Launch launch = submit(false, work.resolve("control"));
        assertThat(launch.exitCode()).as(launch.output()).isNotZero();
        assertThat(launch.output()).contains("Failed to find the data source: azof");
        System.out.println("RuntimeJarIT: control without --jars exited with " + launch.exitCode() + ": "
                + launch.output().lines().filter(l -> l.contains("Failed to find the data source")).findFirst().orElseThrow());
    }

    /** Per key, the latest record with event time at or before {@code asOf}, sorted by key. */
    private static Map<String, Double> expectedAsOf(Instant asOf) {
        Map<String, Record> latest = new TreeMap<>();
        for (Record r : DATA) {
            Instant t = Instant.parse(r.eventTime());
            if (!t.isAfter(asOf)) {
                latest.merge(r.key(), r, (a, b) -> Instant.parse(a.eventTime()).isAfter(Instant.parse(b.eventTime())) ? a : b);
            }
        }
        Map<String, Double> prices = new TreeMap<>();
        latest.forEach((k, r) -> prices.put(k, r.price()));
        return prices;
    }

    record Launch(int exitCode, String output) {
    }

    private static Launch submit(boolean withRuntimeJar, Path table) throws Exception {
        Path csv = work.resolve(table.getFileName() + ".csv");
        Files.writeString(csv, DATA.stream()
                .map(r -> r.key() + "," + r.eventTime().replace("T", " ").replace("Z", "") + "," + r.price())
                .collect(Collectors.joining("\n", "", "\n")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(required("azof.spark.jvm.flags").trim().split("\\s+")));
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, sparkClassPath));
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=2",
                "--conf", "spark.sql.session.timeZone=UTC",
                "--name", "azof-runtime-jar-it"));
        if (withRuntimeJar) {
            command.addAll(List.of("--jars", runtimeJar.toString(),
                    "--conf", "spark.sql.extensions=" + AzofSparkSessionExtensions.class.getName()));
        }
        command.addAll(List.of("--class", "AzofRuntimeApp", appJar.toString(), table.toString(), csv.toString()));
        command.addAll(AS_OF);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = work.resolve(table.getFileName() + ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("SparkSubmit did not finish in 120 s: " + Files.readString(log));
        }
        return new Launch(process.exitValue(), Files.readString(log));
    }

    /** The test class path without any azof classes: what a plain Spark installation has. */
    private static List<String> sparkOnlyClassPath() throws IOException {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            if (entry.isBlank() || holdsAzof(Path.of(entry))) {
                continue;
            }
            kept.add(entry);
        }
        assertThat(kept).anyMatch(e -> e.contains("spark-core_"));
        return kept;
    }

    private static boolean holdsAzof(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve("io/azof"));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry("io/azof/") != null || jar.stream().anyMatch(e -> e.getName().startsWith("io/azof/"));
        }
    }

    /** Compiles the application against Spark's jars only, into a jar that is not on the launched class path. */
    private static Path compileApp() throws IOException {
        Path src = work.resolve("app-src/AzofRuntimeApp.java");
        Files.createDirectories(src.getParent());
        try (var in = RuntimeJarIT.class.getResourceAsStream("/runtime-app/AzofRuntimeApp.java")) {
            assertThat(in).isNotNull();
            Files.copy(in, src);
        }
        Path classes = Files.createDirectories(work.resolve("app-classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int rc = compiler.run(null, null, null, "-d", classes.toString(),
                "-cp", String.join(File.pathSeparator, sparkClassPath), src.toString());
        assertThat(rc).as("compiling the application").isZero();
        Path jar = work.resolve("runtime-app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property " + property + " (set by the runtime-jar-it surefire execution)").isNotBlank();
        return value;
    }
}
