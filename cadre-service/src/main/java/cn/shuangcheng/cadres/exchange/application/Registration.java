package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.registry.Masking;

import java.time.LocalDate;

/** A request to second a cadre, as the API takes it: the only object besides the registry that holds a name. */
public record Registration(int batchNumber, String name, String personnelNo, Direction direction, String homeUnit,
                           String homeRegion, String hostUnit, String hostRegion, String hostPost, LocalDate startOn,
                           LocalDate endOn) {

    /** The command that registers this request, the person resolved to {@code cadreId} and the end decided. */
    RegisterSecondmentCommand toCommand(String batchId, String secondmentId, String cadreId, LocalDate decidedEndOn) {
        return new RegisterSecondmentCommand(batchId, secondmentId, cadreId, direction, homeUnit, homeRegion, hostUnit,
                hostRegion, hostPost, startOn, decidedEndOn);
    }

    /** Masked: a registration that ends up in a log line must not carry the name there. */
    @Override
    public String toString() {
        return "Registration[batchNumber=" + batchNumber + ", name=" + Masking.mask(name) + ", personnelNo="
                + Masking.mask(personnelNo) + ", direction=" + direction + ", startOn=" + startOn + "]";
    }
}
