package cn.shuangcheng.projects.intake.web;

import java.util.ArrayList;
import java.util.List;

/** The rows {@link IntakeSubmission} hands on, kept and refused, for a test to look at. */
final class CollectedRows implements IntakeSubmission.Rows {

    final List<String> kept = new ArrayList<>();
    final List<String> refused = new ArrayList<>();

    @Override
    public void row(String itemJson) {
        kept.add(itemJson);
    }

    @Override
    public void refused(String reason) {
        refused.add(reason);
    }
}
