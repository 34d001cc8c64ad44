package cn.shuangcheng.support.concurrent;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The services' background timers: one named daemon thread each, so that a timer never holds a JVM open after Spring
 * has closed and a thread dump says whose it is.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A single-thread scheduler whose thread is a daemon called {@code name}. */
    public static ScheduledThreadPoolExecutor scheduler(String name) {
        return new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
