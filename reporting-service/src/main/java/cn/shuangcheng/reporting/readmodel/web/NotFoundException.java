package cn.shuangcheng.reporting.readmodel.web;

/** No read model with this id (404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
