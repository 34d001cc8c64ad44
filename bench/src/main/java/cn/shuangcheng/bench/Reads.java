package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.http.Api;

import java.util.concurrent.atomic.AtomicBoolean;

/** The two reads of M6, the portfolio report and the project list of the 2023 list, timed one after the other. */
final class Reads {

    static final String PORTFOLIO = "/api/v1/reports/portfolio?year=2023";
    static final String PROJECT_LIST = "/api/v1/projects?year=2023";

    private final Api reader;
    final Latencies portfolio = new Latencies();
    final Latencies projectList = new Latencies();

    Reads(Api reader) {
        this.reader = reader;
    }

    /** {@code times} pairs of reads. */
    Reads times(int times) {
        for (int i = 0; i < times; i++) {
            once();
        }
        return this;
    }

    /** Pairs of reads until {@code stop} is set (M6 under M4's load). */
    Reads until(AtomicBoolean stop) {
        while (!stop.get()) {
            once();
        }
        return this;
    }

    private void once() {
        time(portfolio, PORTFOLIO);
        time(projectList, PROJECT_LIST);
    }

    private void time(Latencies latencies, String path) {
        long began = System.nanoTime();
        Api.Answer answer = reader.get(path);
        latencies.add(System.nanoTime() - began);
        if (!answer.is(200)) {
            throw new IllegalStateException(path + " answered " + answer.describe());
        }
    }
}
