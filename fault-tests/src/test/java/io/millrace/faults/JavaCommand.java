package io.millrace.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the JVMs the fault tests start: the same JDK as the test, a modest heap and
 * the serial collector so that five or six of them share two cores, and either the real
 * {@code millrace} command line (its Spring Boot jar) or a main class of the test classpath.
 */
final class JavaCommand {

    private static final String JAR_PROPERTY = "millrace.jar";

    private JavaCommand() {
    }

    /** {@code java -jar millrace.jar args…}, the way the {@code millrace} script runs it. */
    static List<String> millrace(String heap, List<String> args) {
        List<String> command = java(heap);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /** {@code java -cp <the test classpath> main args…}. */
    static List<String> main(String heap, Class<?> main, List<String> args) {
        List<String> command = java(heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    private static List<String> java(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        // the client compiler only: on two shared cores, compiling with C2 costs more than it gains here
        command.add("-XX:TieredStopAtLevel=1");
        if (Runtime.version().feature() >= 24) {
            // the lz4 codec of Kafka clients uses sun.misc.Unsafe, RocksDB loads a native library
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        return command;
    }

    private static Path jar() {
        String path = System.getProperty(JAR_PROPERTY);
        if (path == null || !path.endsWith(".jar") || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("the fault tests need the packaged command line (" + JAR_PROPERTY + " is "
                + path + "): run them through Maven's verify phase, e.g. ./mvnw -pl fault-tests -am verify");
        }
        return Path.of(path);
    }
}
