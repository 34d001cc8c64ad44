package cn.shuangcheng.servicesupport.deadletter;

/**
 * An exception that says itself whether it is the event's fault or the infrastructure's, so that
 * {@link EventFailureClassifier} needs to know no other package's exceptions (the publication's, for one).
 */
public interface ClassifiedFailure {

    FailureKind failureKind();
}
