package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeBatchCreated;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentPlaceTaken;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;

import java.time.LocalDate;

/** Facts and commands of the exchange, as the rules' tests use them. */
final class ExchangeFacts {

    static final String BATCH = "batch-3";
    static final String SECONDMENT = "secondment-1";
    static final String CADRE = "cadre-7f3a";
    static final LocalDate DISPATCHED = LocalDate.of(2022, 11, 1);
    static final LocalDate END = LocalDate.of(2023, 11, 1);

    private ExchangeFacts() {
    }

    static ExchangeBatchCreated batchCreated(int quota) {
        return new ExchangeBatchCreated(BATCH, 3, 2022, DISPATCHED, quota, 12);
    }

    /** 蒲杰's case: 金牛区 (Sichuan) → 巴南区 (Chongqing). */
    static RegisterSecondmentCommand registration(String secondmentId, LocalDate endOn) {
        return new RegisterSecondmentCommand(BATCH, secondmentId, CADRE, Direction.SICHUAN_TO_CHONGQING,
                "成都市金牛区", "510106", "巴州大健康产业集团", "500113", "挂任副总经理", DISPATCHED, endOn);
    }

    static RegisterSecondmentCommand registration(Direction direction, String homeRegion, String hostRegion) {
        return new RegisterSecondmentCommand(BATCH, SECONDMENT, CADRE, direction, "派出单位", homeRegion, "接收单位",
                hostRegion, null, DISPATCHED, null);
    }

    static SecondmentRegistered registered(String secondmentId) {
        return new SecondmentRegistered(secondmentId, BATCH, 3, CADRE, Direction.SICHUAN_TO_CHONGQING, "成都市金牛区",
                "510106", "巴州大健康产业集团", "500113", "挂任副总经理", DISPATCHED, END);
    }

    static SecondmentPlaceTaken placeTaken(String secondmentId, Direction direction, int taken, int quota) {
        return new SecondmentPlaceTaken(BATCH, secondmentId, direction, taken, quota);
    }
}
