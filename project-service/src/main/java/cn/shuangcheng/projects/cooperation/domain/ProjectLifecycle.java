package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.projects.cooperation.api.ProjectStatus;

import java.util.EnumSet;
import java.util.Set;

import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.APPROVED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.CANCELLED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.COMPLETED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.PROPOSED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.STARTED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.SUSPENDED;

/**
 * A project's status and its moves: PROPOSED, APPROVED by the first listing, STARTED, and COMPLETED or CANCELLED for
 * good; SUSPENDED from any open status and back to the one it left (a listing while suspended approves the status
 * it returns to). The moves are made by the aggregate's event handlers; the requirements are asked by its commands.
 */
final class ProjectLifecycle {

    private static final Set<ProjectStatus> ENDED = EnumSet.of(COMPLETED, CANCELLED);

    private ProjectStatus status;
    /** Where a resumption returns to. */
    private ProjectStatus beforeSuspension;

    /** Null before the project was proposed. */
    ProjectStatus status() {
        return status;
    }

    boolean exists() {
        return status != null;
    }

    void requireNotEnded(String action) {
        if (ENDED.contains(status)) {
            throw new StateConflictException("a " + status + " project cannot " + action);
        }
    }

    void require(String action, ProjectStatus... allowed) {
        requireNotEnded(action);
        Require.state(status, () -> "a " + status + " project cannot " + action, allowed);
    }

    void proposed() {
        status = PROPOSED;
    }

    void listed() {
        if (status == PROPOSED) {
            status = APPROVED;
        } else if (status == SUSPENDED && beforeSuspension == PROPOSED) {
            beforeSuspension = APPROVED;
        }
    }

    void started() {
        status = STARTED;
    }

    void completed() {
        status = COMPLETED;
    }

    void suspended() {
        beforeSuspension = status;
        status = SUSPENDED;
    }

    void resumed() {
        status = beforeSuspension;
        beforeSuspension = null;
    }

    void cancelled() {
        status = CANCELLED;
    }
}
