package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.domain.CooperationProject;
import cn.shuangcheng.projects.cooperation.domain.DecidedProject;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for projects: the aggregate is loaded through the same repository the commands use (its cache is
 * checked against the store before use, so a write through another instance is seen) and answers itself
 * ({@link CooperationProject#decided()}). The unit of work only reads: it commits nothing, and committing rather
 * than rolling back keeps the loaded aggregate in the cache for the next command.
 */
@Component
class ProjectReads {

    private final Configuration axon;

    ProjectReads(Configuration axon) {
        this.axon = axon;
    }

    ProjectView find(String projectId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<CooperationProject> project = axon.repository(CooperationProject.class).load(projectId);
            DecidedProject decided = project.invoke(CooperationProject::decided);
            Long version = project.version();
            unitOfWork.commit();
            if (decided == null || version == null) {
                // the id is another aggregate's (an agenda item's): no project was ever proposed under it
                throw new AggregateNotFoundException(projectId, "no project " + projectId);
            }
            return ProjectView.of(decided, version);
        } finally {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback();
            }
        }
    }
}
