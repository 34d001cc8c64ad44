package cn.shuangcheng.projects.intake.mongo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who this instance is when it holds an intake batch: a random id, new at every start, so that a restarted pod
 * never mistakes its predecessor's lease for its own; and the host name, for the humans reading the batch document.
 */
public record IntakeInstance(String id, String host) {

    public static IntakeInstance random() {
        return new IntakeInstance(UUID.randomUUID().toString(), hostName());
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
