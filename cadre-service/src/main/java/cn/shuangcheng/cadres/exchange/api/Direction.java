package cn.shuangcheng.cadres.exchange.api;

import cn.shuangcheng.contracts.regions.Side;

/** Which way a cadre goes: from the sending side (home region) to the receiving side (host region). */
public enum Direction {
    SICHUAN_TO_CHONGQING(Side.SICHUAN, Side.CHONGQING),
    CHONGQING_TO_SICHUAN(Side.CHONGQING, Side.SICHUAN);

    private final Side sending;
    private final Side receiving;

    Direction(Side sending, Side receiving) {
        this.sending = sending;
        this.receiving = receiving;
    }

    public Side sending() {
        return sending;
    }

    public Side receiving() {
        return receiving;
    }
}
