package cn.shuangcheng.reporting.cadres.api;

/** The cadre exchange in numbers: its rows, one per batch and direction (counts only, no personal data). */
public final class CadreExchangeReport {

    private CadreExchangeReport() {
    }

    public record Row(Integer batchNumber, String direction, long dispatched, long onPost, long completed,
                      long endedEarly, long contributions, long linkedProjects) {
    }
}
