package cn.shuangcheng.contracts;

/**
 * One way a payload breaks its published JSON Schema.
 *
 * @param field   where in the payload, as a path without the leading {@code $.} (e.g. {@code amountYuan},
 *                {@code regions[0]}); empty for the document as a whole
 * @param message what is wrong, naming the field (e.g. {@code $.amountYuan: must have a minimum value of 1})
 */
public record SchemaViolation(String field, String message) {

    @Override
    public String toString() {
        return message;
    }
}
