package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.domain.CooperationProject;
import cn.shuangcheng.projects.cooperation.domain.DecidedProject;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import org.axonframework.config.Configuration;
import org.springframework.stereotype.Component;

/** Read-your-writes for projects: the aggregate answers itself ({@link CooperationProject#decided()}). */
@Component
record ProjectReads(Configuration axon) {

    ProjectView find(String projectId) {
        AggregateReads.Versioned<DecidedProject> project = AggregateReads.read(
                axon.repository(CooperationProject.class), projectId, CooperationProject::decided);
        return ProjectView.of(project.answer(), project.version());
    }
}
