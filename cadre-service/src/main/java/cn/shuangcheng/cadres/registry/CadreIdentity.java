package cn.shuangcheng.cadres.registry;

/**
 * Who a pseudonymous cadreId stands for. Personal data: it leaves cadre-service only in answers to callers with the
 * {@code cadres:pii} scope, and never goes into events, Kafka records, exception messages or logs. {@link #toString()}
 * is masked so that an accidental log statement does not leak it.
 * <p>
 * An {@code erased} identity is a person whose name and personnel number were erased (PIPL Art. 47): both are null,
 * and views show {@link Masking#ERASED} in their place, whoever asks.
 */
public record CadreIdentity(String cadreId, String name, String personnelNo, boolean erased) {

    public CadreIdentity(String cadreId, String name, String personnelNo) {
        this(cadreId, name, personnelNo, false);
    }

    /** The person behind {@code cadreId} after erasure: nothing left but the pseudonym. */
    public static CadreIdentity erasedOne(String cadreId) {
        return new CadreIdentity(cadreId, null, null, true);
    }

    /** The same identity with name and personnel number masked: {@code 蒲杰} → {@code 蒲*}. */
    public CadreIdentity masked() {
        return new CadreIdentity(cadreId, Masking.mask(name), Masking.mask(personnelNo), erased);
    }

    @Override
    public String toString() {
        return "CadreIdentity[cadreId=" + cadreId + ", name=" + Masking.mask(name) + ", personnelNo="
                + Masking.mask(personnelNo) + (erased ? ", erased" : "") + "]";
    }
}
