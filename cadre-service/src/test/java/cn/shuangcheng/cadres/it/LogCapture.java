package cn.shuangcheng.cadres.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every log event of the JVM from the moment it is attached (the root logger, all levels the configuration lets
 * through; cn.shuangcheng at DEBUG in these tests), rendered with its arguments, MDC and throwable chain, so that a
 * test can search the lines for personal data. Attach after Spring Boot started: Boot resets logback on start.
 */
final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;

    LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage())
                    .append(' ').append(event.getMDCPropertyMap());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append(' ').append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
