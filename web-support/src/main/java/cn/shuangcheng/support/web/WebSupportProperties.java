package cn.shuangcheng.support.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code shuangcheng.web.*}: limits of the REST edge.
 *
 * <pre>
 * shuangcheng.web.max-request-bytes=1MB          # default for every path (plain numbers are bytes)
 * shuangcheng.web.request-size-overrides[0].path=/api/v1/intake/**
 * shuangcheng.web.request-size-overrides[0].max-request-bytes=20MB
 * </pre>
 */
@ConfigurationProperties("shuangcheng.web")
public class WebSupportProperties {

    /** Largest request body accepted; larger ones get 413. */
    private DataSize maxRequestBytes = DataSize.ofMegabytes(1);

    /** Per-path limits (Spring path patterns, first match wins) replacing the default. */
    private List<RequestSizeOverride> requestSizeOverrides = new ArrayList<>();

    public DataSize getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(DataSize maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public List<RequestSizeOverride> getRequestSizeOverrides() {
        return requestSizeOverrides;
    }

    public void setRequestSizeOverrides(List<RequestSizeOverride> requestSizeOverrides) {
        this.requestSizeOverrides = requestSizeOverrides;
    }

    /**
     * @param path            path pattern within the application, e.g. {@code /api/v1/intake/**}
     * @param maxRequestBytes the body limit on that path
     */
    public record RequestSizeOverride(String path, DataSize maxRequestBytes) {
    }
}
