package cn.shuangcheng.localstack.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the demo loader did, per kind of record: how many it created or changed, how many it found as they
 * should be, and what it could not do. A second run over the same data must change nothing. The parts and the notes
 * fill up while the loader runs; {@link #notes()} hands out a copy.
 */
public record LoadReport(Part projects, Part batches, Part secondments, Part agendaItems, List<String> notes) {

    LoadReport() {
        this(new Part("projects (intake rows)"), new Part("exchange batches"), new Part("secondments"),
                new Part("three-lists items"), new ArrayList<>());
    }

    /** Counts of one kind of record. */
    public static final class Part {
        private final String name;
        private int changed;
        private int unchanged;
        private final List<String> failures = new ArrayList<>();

        Part(String name) {
            this.name = name;
        }

        void changed() {
            changed++;
        }

        void unchanged() {
            unchanged++;
        }

        void failed(String what) {
            failures.add(what);
        }

        public String name() {
            return name;
        }

        public int changedCount() {
            return changed;
        }

        public int unchangedCount() {
            return unchanged;
        }

        public List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public String toString() {
            return name + ": " + changed + " loaded, " + unchanged + " already there"
                    + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
        }
    }

    public List<Part> parts() {
        return List.of(projects, batches, secondments, agendaItems);
    }

    void note(String note) {
        notes.add(note);
    }

    /** Things the data says that the API has no place for, or differences the loader left as they are. */
    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public boolean changedNothing() {
        return parts().stream().allMatch(p -> p.changedCount() == 0);
    }

    public List<String> failures() {
        List<String> all = new ArrayList<>();
        parts().forEach(p -> p.failures().forEach(f -> all.add(p.name() + ": " + f)));
        return all;
    }
}
