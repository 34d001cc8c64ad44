package cn.shuangcheng.system.faults;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One intake batch the stream submitted: its id, the instance it went to, and per row's {@code externalRef} the
 * outcome it must get (ACCEPTED for the valid rows, REJECTED for the one broken on purpose), with the project each
 * valid row describes.
 */
record SubmittedBatch(String id, URI submittedTo, Map<String, String> expectedOutcomes,
                      List<PlannedProject> projects) {
}
