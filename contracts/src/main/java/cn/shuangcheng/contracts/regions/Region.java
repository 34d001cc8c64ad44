package cn.shuangcheng.contracts.regions;

import java.util.Optional;

/**
 * One entry of the region reference table: a GB/T 2260 code (51xxxx Sichuan, 50xxxx Chongqing) or a
 * registered functional-zone code (e.g. {@code CQ-GXQ}) that names the coded region it rolls up to.
 */
public record Region(String code, String name, Side side, String level, String parentCode) {

    public static final String FUNCTIONAL_ZONE = "functional_zone";

    public boolean isFunctionalZone() {
        return FUNCTIONAL_ZONE.equals(level);
    }

    /** The code reports roll this region up under: its own, or for a functional zone its parent's. */
    public String rollUpCode() {
        return isFunctionalZone() ? parentCode : code;
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentCode).filter(p -> !p.isBlank());
    }
}
