package cn.shuangcheng.cadres.registry;

/**
 * Who a pseudonymous cadreId stands for. Personal data: it leaves cadre-service only in answers to callers with the
 * {@code cadres:pii} scope, and never goes into events, Kafka records, exception messages or logs. {@link #toString()}
 * is masked so that an accidental log statement does not leak it.
 */
public record CadreIdentity(String cadreId, String name, String personnelNo) {

    /** The same identity with name and personnel number masked: {@code 蒲杰} → {@code 蒲*}. */
    public CadreIdentity masked() {
        return new CadreIdentity(cadreId, Masking.mask(name), Masking.mask(personnelNo));
    }

    @Override
    public String toString() {
        return "CadreIdentity[cadreId=" + cadreId + ", name=" + Masking.mask(name) + ", personnelNo="
                + Masking.mask(personnelNo) + "]";
    }
}
