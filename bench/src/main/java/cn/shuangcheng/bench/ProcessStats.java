package cn.shuangcheng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU-seconds and peak resident memory of a service process, read from Linux' /proc (M7). CPU is utime + stime in
 * clock ticks (100 per second on Linux x86-64 and arm64, USER_HZ); the peak is VmHWM. Elsewhere both answer -1.
 */
record ProcessStats(double cpuSeconds, double peakRssMb) {

    private static final double TICKS_PER_SECOND = 100.0;

    static ProcessStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name (field 2) may hold spaces: the fields after it start after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            double hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return new ProcessStats(cpu, hwm);
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(-1, -1);
        }
    }
}
