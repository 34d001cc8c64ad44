package cn.shuangcheng.reporting.portfolio.mongo;

import java.time.YearMonth;

import com.mongodb.client.model.Filters;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.portfolio.api.PortfolioReport.Statement;
import cn.shuangcheng.reporting.portfolio.domain.Portfolio;
import cn.shuangcheng.reporting.portfolio.domain.ProjectFigures;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/**
 * The statement from the active generation: one query selects the projects on the year's list ({@code listYears},
 * indexed) with only the fields the statement needs, streamed into {@link Portfolio} (never all held at once).
 */
public final class PortfolioQueries {

    private final ReadModelStore store;

    public PortfolioQueries(ReadModelStore store) {
        this.store = store;
    }

    public Statement statement(int year, YearMonth asOf) {
        return Portfolio.statement(year, asOf, store.collection(store.activeGeneration(), ReadModelCollection.PROJECTS)
                .find(Filters.eq("listYears", year)).projection(ProjectFigures.fields(year))
                .map(document -> ProjectFigures.of(document, year, asOf)));
    }
}
