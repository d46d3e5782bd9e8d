package io.millrace.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * How many cores this process kept busy between two readings. With the embedded broker and the
 * services in this process, it tells whether a part was bound by the CPU (close to every core) or
 * by waiting (round trips, commits, polls).
 */
final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os;
    private final long cpuStart;
    private final long wallStart;

    private CpuMeter(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
        this.cpuStart = os.getProcessCpuTime();
        this.wallStart = System.nanoTime();
    }

    /** Starts measuring now. */
    static CpuMeter start() {
        return new CpuMeter((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean());
    }

    /** Busy cores since {@link #start}: process CPU time over wall time. */
    double cores() {
        long wall = System.nanoTime() - wallStart;
        return wall <= 0 ? 0 : (os.getProcessCpuTime() - cpuStart) / (double) wall;
    }
}
