package cn.shuangcheng.contracts.regions;

/** The two sides of the twin-city economic circle. */
public enum Side {
    SICHUAN,
    CHONGQING
}
