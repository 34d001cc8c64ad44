package cn.shuangcheng.localstack.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The demo data file (demo-data/demo-dataset.json) as JSON: projects, batches, secondments, agenda items. */
public record DemoDataset(Path file, JsonNode root) {

    public static DemoDataset read(Path file, JsonMapper json) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no demo data at " + file + " (give another file with --demo-data=..., or start "
                    + "without it with --no-demo-data)");
        }
        return new DemoDataset(file, json.readTree(Files.readString(file)));
    }

    public List<JsonNode> projects() {
        return list("projects");
    }

    public List<JsonNode> batches() {
        return list("batches");
    }

    public List<JsonNode> secondments() {
        return list("secondments");
    }

    public List<JsonNode> agendaItems() {
        return list("agendaItems");
    }

    private List<JsonNode> list(String field) {
        List<JsonNode> items = new ArrayList<>();
        root.path(field).forEach(items::add);
        return items;
    }
}
