package cn.shuangcheng.contracts.regions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The region reference table every service validates codes against. It ships as a tab-separated
 * resource ({@code regions.tsv}: code, name, side, level, parentCode) so that partner systems can
 * read the same table without Java.
 */
public final class RegionCatalog {

    private static final String RESOURCE = "regions.tsv";
    private static final RegionCatalog STANDARD = load();

    private final Map<String, Region> byCode;

    private RegionCatalog(Map<String, Region> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** The table published with this version of the contract. */
    public static RegionCatalog standard() {
        return STANDARD;
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public boolean isKnown(String code) {
        return code != null && byCode.containsKey(code);
    }

    public Collection<Region> all() {
        return byCode.values();
    }

    private static RegionCatalog load() {
        try (InputStream in = RegionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("region table " + RESOURCE + " missing from the contracts jar");
            }
            Map<String, Region> regions = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String parent = f.length > 4 && !f[4].isBlank() ? f[4] : null;
                Region region = new Region(f[0], f[1], Side.valueOf(f[2]), f[3], parent);
                if (regions.put(region.code(), region) != null) {
                    throw new IllegalStateException("region code listed twice: " + region.code());
                }
            }
            return new RegionCatalog(regions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
