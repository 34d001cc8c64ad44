package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.contracts.regions.Region;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.contracts.regions.Side;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a registration and a contribution must satisfy on their face, whatever the state. */
public final class SecondmentRules {

    private static final Pattern UUID_SHAPE = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SecondmentRules() {
    }

    /** The secondment a valid registration creates; an absent {@code endOn} is the batch's term from the start. */
    public static SecondmentRegistered registration(RegisterSecondmentCommand command, int batchNumber,
                                             LocalDate dispatchedOn, int termMonths) {
        Require.text("secondmentId", command.secondmentId());
        Require.text("cadreId", command.cadreId());
        Require.present("direction", command.direction());
        Require.text("homeUnit", command.homeUnit());
        Require.text("hostUnit", command.hostUnit());
        requireSide("homeRegion", command.homeRegion(), command.direction().sending(), command.direction(),
                "the home region must be on the sending side");
        requireSide("hostRegion", command.hostRegion(), command.direction().receiving(), command.direction(),
                "the host region must be on the receiving side");
        Require.present("startOn", command.startOn());
        if (command.startOn().isBefore(dispatchedOn)) {
            throw new RuleViolatedException("startOn",
                    "the secondment cannot start before batch " + batchNumber + " was dispatched on " + dispatchedOn);
        }
        LocalDate endOn = command.endOn() != null ? command.endOn() : command.startOn().plusMonths(termMonths);
        if (!endOn.isAfter(command.startOn())) {
            throw new RuleViolatedException("endOn", "must be after the start " + command.startOn());
        }
        String hostPost = command.hostPost() == null || command.hostPost().isBlank() ? null : command.hostPost().strip();
        return new SecondmentRegistered(command.secondmentId(), command.batchId(), batchNumber, command.cadreId(),
                command.direction(), command.homeUnit().strip(), command.homeRegion(), command.hostUnit().strip(),
                command.hostRegion(), hostPost, command.startOn(), endOn);
    }

    private static void requireSide(String field, String code, Side side, Direction direction, String rule) {
        Region region = RegionCatalog.standard().find(code).orElseThrow(() -> new RuleViolatedException(field,
                "unknown region code " + code + ": use a GB/T 2260 code of Sichuan (51xxxx) or Chongqing (50xxxx), "
                        + "or a registered functional-zone code"));
        if (region.side() != side) {
            throw new RuleViolatedException(field, rule + ": " + code + " is in " + region.side() + ", "
                    + direction + " needs " + side);
        }
    }

    /**
     * Project ids as one spelling: stripped, and a UUID (every id project-service gives out) in lower case. Reporting
     * counts a batch's linked projects by id, so {@code "<id> "} or the id in upper case was a second project.
     */
    static List<String> projectIds(List<String> projectIds) {
        return projectIds == null ? List.of() : projectIds.stream().map(SecondmentRules::projectId).toList();
    }

    private static String projectId(String id) {
        String stripped = id.strip();
        return UUID_SHAPE.matcher(stripped).matches() ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }

    static void contribution(String summary, List<String> projectIds, List<Indicator> indicators) {
        Require.text("summary", summary);
        if (projectIds != null) {
            for (int i = 0; i < projectIds.size(); i++) {
                Require.text("projectIds[" + i + "]", projectIds.get(i));
            }
            if (new HashSet<>(projectIds(projectIds)).size() != projectIds.size()) {
                throw new RuleViolatedException("projectIds", "a project is linked twice");
            }
        }
        if (indicators != null) {
            for (int i = 0; i < indicators.size(); i++) {
                Indicator indicator = indicators.get(i);
                String at = "indicators[" + i + "]";
                Require.present(at, indicator);
                Require.text(at + ".name", indicator.name());
                Require.present(at + ".value", indicator.value());
                if (indicator.value().signum() < 0) {
                    throw new RuleViolatedException(at + ".value", "a measured result is not negative");
                }
                Require.text(at + ".unit", indicator.unit());
            }
        }
    }
}
