package cn.shuangcheng.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users and ACLs deploy/kafka/create-users-and-acls.sh creates, read from the script itself: its topic variables
 * resolved, each {@code allow PRINCIPAL --topic|--group NAME [--resource-pattern-type prefixed] --operation ...} line
 * as one grant per operation.
 */
record KafkaAcls(Set<String> users, List<Grant> grants) {

    static final String SCRIPT = "kafka/create-users-and-acls.sh";

    record Grant(String principal, String resourceType, String resource, boolean prefixed, String operation) {
    }

    static KafkaAcls read() {
        String script = DeployFiles.read(DeployFiles.deploy(SCRIPT));
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher variable = Pattern.compile("(?m)^([a-z_]+)=(shuangcheng\\.[a-z.0-9]+)$").matcher(script);
        while (variable.find()) {
            variables.put(variable.group(1), variable.group(2));
        }
        Set<String> users = new LinkedHashSet<>();
        Matcher user = Pattern.compile("(?m)^user ([a-z-]+) ").matcher(script);
        while (user.find()) {
            users.add(user.group(1));
        }
        List<Grant> grants = new ArrayList<>();
        Matcher allow = Pattern.compile("(?m)^allow ([a-z-]+) --(topic|group) (\\S+)(.*)$").matcher(script);
        while (allow.find()) {
            String resource = allow.group(3);
            if (resource.startsWith("\"$")) {
                String name = resource.substring(2, resource.length() - 1);
                resource = variables.get(name);
                if (resource == null) {
                    throw new AssertionError(SCRIPT + " uses $" + name + " without setting it");
                }
            }
            boolean prefixed = allow.group(4).contains("--resource-pattern-type prefixed");
            Matcher operation = Pattern.compile("--operation (\\S+)").matcher(allow.group(4));
            while (operation.find()) {
                grants.add(new Grant(allow.group(1), allow.group(2), resource, prefixed, operation.group(1)));
            }
        }
        return new KafkaAcls(users, grants);
    }

    /** Who may do {@code operation} on the topic (a literal grant on its name or a prefix of it). */
    Set<String> principals(String topic, String operation) {
        Set<String> principals = new TreeSet<>();
        for (Grant grant : grants) {
            boolean matches = grant.prefixed() ? topic.startsWith(grant.resource()) : topic.equals(grant.resource());
            if (grant.resourceType().equals("topic") && matches && grant.operation().equals(operation)) {
                principals.add(grant.principal());
            }
        }
        return principals;
    }

    /** What {@code principal} may do, as "type:resource:operation". */
    Set<String> rightsOf(String principal) {
        Set<String> rights = new TreeSet<>();
        grants.stream().filter(g -> g.principal().equals(principal)).forEach(g -> rights.add(
                g.resourceType() + ":" + g.resource() + (g.prefixed() ? "*" : "") + ":" + g.operation()));
        return rights;
    }
}
