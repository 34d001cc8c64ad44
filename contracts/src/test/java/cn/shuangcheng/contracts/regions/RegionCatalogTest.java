package cn.shuangcheng.contracts.regions;

import cn.shuangcheng.contracts.DemoDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RegionCatalogTest {

    private static final Pattern GB_CODE = Pattern.compile("5[01]\\d{4}");
    private static final Pattern ZONE_CODE = Pattern.compile("(SC|CQ)-[A-Z0-9]+");
    private static final Set<String> LEVELS = Set.of("province", "city", "district", "county", "functional_zone");

    private final RegionCatalog catalog = RegionCatalog.standard();

    @Test
    void everyRegionCodeTheDemoDatasetUsesIsInTheCatalog() throws IOException {
        Path dataset = DemoDataset.path();
        assertThat(dataset).as("the demo dataset").isRegularFile();
        JsonNode root = new ObjectMapper().readTree(dataset.toFile());

        Set<String> named = new TreeSet<>();
        root.path("regions").forEach(r -> {
            named.add(r.path("code").asText());
            if (r.hasNonNull("parentCode")) {
                named.add(r.path("parentCode").asText());
            }
        });
        root.path("projects").forEach(p -> p.path("regions").forEach(c -> named.add(c.asText())));
        root.path("platforms").forEach(p -> p.path("regions").forEach(c -> named.add(c.asText())));
        root.path("secondments").forEach(s -> {
            named.add(s.path("homeRegion").asText());
            named.add(s.path("hostRegion").asText());
        });
        // The fields above are where the dataset keeps regions today; a sweep over every string
        // that looks like a code catches a field added later.
        Set<String> lookAlikes = new TreeSet<>();
        collectCodeLikeStrings(root, lookAlikes);

        assertThat(named).as("codes the dataset's region fields use").hasSizeGreaterThan(50);
        assertThat(named).allSatisfy(code -> assertThat(catalog.isKnown(code)).as(code).isTrue());
        assertThat(lookAlikes).containsAll(named);
        assertThat(lookAlikes).allSatisfy(code -> assertThat(catalog.isKnown(code)).as(code).isTrue());
    }

    @Test
    void theDemoDatasetsRegionRowsAreCarriedOverUnchanged() throws IOException {
        Path dataset = DemoDataset.path();
        assertThat(dataset).as("the demo dataset").isRegularFile();
        JsonNode regions = new ObjectMapper().readTree(dataset.toFile()).path("regions");

        assertThat(regions.size()).isEqualTo(58);
        regions.forEach(r -> {
            Region region = catalog.find(r.path("code").asText()).orElseThrow();
            assertThat(region.name()).isEqualTo(r.path("name").asText());
            assertThat(region.side().name()).isEqualTo(r.path("side").asText());
            assertThat(region.level()).isEqualTo(r.path("level").asText());
            if (r.hasNonNull("parentCode")) {
                assertThat(region.parentCode()).isEqualTo(r.path("parentCode").asText());
            }
        });
    }

    @Test
    void everyCodeIsListedOnce() throws IOException {
        List<String> codes = rawCodes();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(catalog.all()).hasSameSizeAs(codes);
    }

    @Test
    void codesMatchTheirSide() {
        assertThat(catalog.all()).allSatisfy(r -> {
            String prefix = r.side() == Side.SICHUAN ? "51" : "50";
            String zonePrefix = r.side() == Side.SICHUAN ? "SC-" : "CQ-";
            if (r.isFunctionalZone()) {
                assertThat(r.code()).matches(ZONE_CODE).startsWith(zonePrefix);
            } else {
                assertThat(r.code()).matches(GB_CODE).startsWith(prefix);
            }
            assertThat(r.level()).isIn(LEVELS);
        });
    }

    @Test
    void everyRegionBelowAProvinceNamesAnExistingParentOnItsOwnSide() {
        assertThat(catalog.all()).allSatisfy(r -> {
            if (r.level().equals("province")) {
                assertThat(r.parent()).as(r.code()).isEmpty();
                return;
            }
            Region parent = catalog.find(r.parentCode()).orElse(null);
            assertThat(parent).as("parent of " + r.code()).isNotNull();
            assertThat(parent.side()).as("side of the parent of " + r.code()).isEqualTo(r.side());
            assertThat(parent.isFunctionalZone()).as(r.code() + " rolls up to a coded region").isFalse();
        });
    }

    @Test
    void codedRegionsHangUnderTheCodeTheirDigitsName() {
        // GB/T 2260: digits 1-2 province, 3-4 prefecture, 5-6 county. Chongqing has no prefecture level.
        assertThat(catalog.all()).filteredOn(r -> !r.isFunctionalZone() && !r.level().equals("province"))
                .allSatisfy(r -> {
                    String expected = switch (r.level()) {
                        case "city" -> r.code().substring(0, 2) + "0000";
                        default -> r.side() == Side.CHONGQING ? "500000" : r.code().substring(0, 4) + "00";
                    };
                    assertThat(r.parentCode()).as(r.code()).isEqualTo(expected);
                });
    }

    @Test
    void theTableCoversBothSidesDownToCountyLevel() {
        Map<String, Long> sichuan = countByLevel(Side.SICHUAN);
        Map<String, Long> chongqing = countByLevel(Side.CHONGQING);

        assertThat(sichuan).containsEntry("province", 1L).containsEntry("city", 21L)
                .containsEntry("district", 55L).containsEntry("county", 128L);
        assertThat(chongqing).containsEntry("province", 1L).containsEntry("district", 26L)
                .containsEntry("county", 12L).doesNotContainKey("city");
        assertThat(catalog.find("510185")).map(Region::parentCode).contains("510100");
        assertThat(catalog.find("500156")).map(Region::name).contains("武隆区");
        assertThat(catalog.find("CQ-LJXQ")).map(Region::rollUpCode).contains("500000");
        assertThat(catalog.find("SC-TFXQ")).map(Region::rollUpCode).contains("510100");
    }

    private Map<String, Long> countByLevel(Side side) {
        return catalog.all().stream().filter(r -> r.side() == side)
                .collect(Collectors.groupingBy(Region::level, Collectors.counting()));
    }

    private static void collectCodeLikeStrings(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            String text = node.asText();
            if (GB_CODE.matcher(text).matches() || ZONE_CODE.matcher(text).matches()) {
                into.add(text);
            }
        }
        node.forEach(child -> collectCodeLikeStrings(child, into));
    }

    private static List<String> rawCodes() throws IOException {
        List<String> codes = new ArrayList<>();
        try (InputStream in = RegionCatalog.class.getResourceAsStream("regions.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", -1)[0]).forEach(codes::add);
        }
        return codes;
    }
}
