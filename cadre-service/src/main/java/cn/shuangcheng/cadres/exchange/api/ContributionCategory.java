package cn.shuangcheng.cadres.exchange.api;

/**
 * The cooperation fields a seconded cadre's contribution belongs to. Where a field is also one of the joint
 * project sectors, the code is the sector's code, so that reports can put both side by side.
 * <table>
 *   <tr><th>code</th><th>field</th></tr>
 *   <tr><td>MODERN_INDUSTRY</td><td>现代产业</td></tr>
 *   <tr><td>INFRASTRUCTURE</td><td>基础设施</td></tr>
 *   <tr><td>SCIENCE_TECH</td><td>科技</td></tr>
 *   <tr><td>FINANCE</td><td>金融</td></tr>
 *   <tr><td>OPENING_UP</td><td>改革开放</td></tr>
 *   <tr><td>CONSUMPTION</td><td>消费</td></tr>
 *   <tr><td>ECOLOGY</td><td>生态环保</td></tr>
 *   <tr><td>PUBLIC_SERVICE</td><td>公共服务</td></tr>
 * </table>
 */
public enum ContributionCategory {
    MODERN_INDUSTRY("现代产业"),
    INFRASTRUCTURE("基础设施"),
    SCIENCE_TECH("科技"),
    FINANCE("金融"),
    OPENING_UP("改革开放"),
    CONSUMPTION("消费"),
    ECOLOGY("生态环保"),
    PUBLIC_SERVICE("公共服务");

    private final String chineseName;

    ContributionCategory(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
