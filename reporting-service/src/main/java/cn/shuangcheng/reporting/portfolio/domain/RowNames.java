package cn.shuangcheng.reporting.portfolio.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import cn.shuangcheng.contracts.regions.Region;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Platform;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Sector;

/**
 * The Chinese names of the portfolio's rows: the seven sectors as the official lists name them, the ten cooperation
 * platforms as their approvals name them (the names of the demo dataset's reference tables, which RowNamesTest keeps
 * these in step with), and regions from the contracts' region table. Keyed by reporting's own copy of the contract's
 * enums ({@link cn.shuangcheng.reporting.projects.domain.ProjectFilterValues}), so that an enum value without a name fails
 * the test, not a report.
 *
 * <p>A row always has a name: the projects without a platform are {@value #NO_PLATFORM}; a code that the reference
 * data does not know (the write services validate every code, so only a foreign event could bring one) is named by
 * the code itself rather than left without a name.
 */
public final class RowNames {

    public static final String NO_PLATFORM = "未归属合作平台";

    private static final Map<Sector, String> SECTORS = new EnumMap<>(Map.of(
            Sector.INFRASTRUCTURE, "现代基础设施",
            Sector.MODERN_INDUSTRY, "现代产业",
            Sector.SCIENCE_TECH, "科技创新",
            Sector.CULTURE_TOURISM, "文化旅游",
            Sector.ECOLOGY, "生态环保",
            Sector.OPENING_UP, "对外开放",
            Sector.PUBLIC_SERVICE, "公共服务"));

    private static final Map<Platform, String> PLATFORMS = new EnumMap<>(Map.of(
            Platform.GAOZHU, "川渝高竹新区",
            Platform.SUITONG, "遂潼川渝毗邻地区一体化发展先行区",
            Platform.WANDAKAI, "万达开川渝统筹发展示范区",
            Platform.MINGYUESHAN, "明月山绿色发展示范带",
            Platform.CHENGXUANWAN, "城宣万革命老区振兴发展示范区",
            Platform.HEGUANGCHANG, "合广长协同发展示范区",
            Platform.ZIDA, "资大文旅融合发展示范区",
            Platform.NEIRONG, "内江荣昌现代农业高新技术产业示范区",
            Platform.LUYONGJIANG, "泸永江融合发展示范区",
            Platform.CHUANNAN_YUXI, "川南渝西融合发展试验区"));

    private static final RegionCatalog REGIONS = RegionCatalog.standard();

    private RowNames() {
    }

    public static String sector(String code) {
        return known(code, Sector.class).map(SECTORS::get).orElse(code);
    }

    public static String platform(String code) {
        return code == null ? NO_PLATFORM : known(code, Platform.class).map(PLATFORMS::get).orElse(code);
    }

    public static String region(String code) {
        return REGIONS.find(code).map(Region::name).orElse(code);
    }

    private static <E extends Enum<E>> Optional<E> known(String code, Class<E> type) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
