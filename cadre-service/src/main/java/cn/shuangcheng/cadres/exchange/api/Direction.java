package cn.shuangcheng.cadres.exchange.api;

import cn.shuangcheng.contracts.regions.Side;

/** Which way a cadre goes: from the sending side (home region) to the receiving side (host region). */
public enum Direction {
    SICHUAN_TO_CHONGQING,
    CHONGQING_TO_SICHUAN;

    public Side sending() {
        return this == SICHUAN_TO_CHONGQING ? Side.SICHUAN : Side.CHONGQING;
    }

    public Side receiving() {
        return this == SICHUAN_TO_CHONGQING ? Side.CHONGQING : Side.SICHUAN;
    }
}
