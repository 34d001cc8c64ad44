package cn.shuangcheng.reporting.ingest;

/** A record that is not a readable event of the contract; its message is the dead-letter reason. */
public class UnreadableRecordException extends Exception {

    public UnreadableRecordException(String reason) {
        super(reason);
    }
}
