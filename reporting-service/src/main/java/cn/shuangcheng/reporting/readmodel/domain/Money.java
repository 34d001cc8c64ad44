package cn.shuangcheng.reporting.readmodel.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact money arithmetic for reports: BigDecimal, HALF_UP, never floating point. */
public final class Money {

    private static final BigDecimal YUAN_PER_YI = BigDecimal.valueOf(100_000_000L);

    private Money() {
    }

    /** Yuan as 亿元 with two decimals, e.g. 562_800_000_000 → "5628.00". */
    public static String yi(long yuan) {
        return BigDecimal.valueOf(yuan).divide(YUAN_PER_YI, 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@link #yi(long)} of a sum that may exceed a long. */
    public static String yi(BigInteger yuan) {
        return new BigDecimal(yuan).divide(YUAN_PER_YI, 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@link #ratio(long, long, int)} of sums that may exceed a long. */
    public static BigDecimal ratio(BigInteger part, BigInteger whole, int scale) {
        if (whole.signum() == 0) {
            return null;
        }
        return new BigDecimal(part).divide(new BigDecimal(whole), scale, RoundingMode.HALF_UP);
    }

    /** {@link #pointsOver(long, long)} of sums that may exceed a long. */
    public static BigDecimal pointsOver(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return new BigDecimal(part.subtract(whole)).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(whole), 1, RoundingMode.HALF_UP);
    }

    /** part / whole to {@code scale} decimals, HALF_UP; null when whole is zero (no rate of nothing). */
    public static BigDecimal ratio(long part, long whole, int scale) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), scale, RoundingMode.HALF_UP);
    }

    /** (part / whole − 1) × 100 to one decimal, from the exact ratio; null when whole is zero. */
    public static BigDecimal pointsOver(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).subtract(BigDecimal.valueOf(whole)).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
