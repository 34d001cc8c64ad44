package cn.shuangcheng.projects.intake.mongo;

/**
 * The right to work on one intake batch, as this instance claimed it: {@code epoch} is the fencing token. Every
 * write made under the lease names the epoch and is refused once another instance has claimed the batch (and so
 * raised the epoch), whatever the clocks say.
 *
 * @param principal who submitted the batch: recorded on every event its rows cause
 */
public record BatchLease(String batchId, String owner, long epoch, String principal) {
}
