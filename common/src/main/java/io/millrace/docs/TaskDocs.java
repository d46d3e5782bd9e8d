package io.millrace.docs;

import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.serde.LabelsDeserializer;
import io.millrace.serde.ModelProperties;
import io.millrace.serde.ModelProperty;
import io.millrace.serde.Shape;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.RunnableTask;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code docs/tasks.md}: the reference of every task, trigger and condition type, generated from
 * the catalogue's descriptors (id, aliases, title, properties, example), so it cannot drift from
 * the code.
 */
public final class TaskDocs {

    /** Where the reference lives in the repository. */
    public static final String PATH = "docs/tasks.md";

    private final Catalogue catalogue;
    private final StringBuilder out = new StringBuilder();
    /** Structures (retry policies, Dag entries…) met in properties, documented at the end. */
    private final Set<Class<?>> structures = new LinkedHashSet<>();

    private TaskDocs(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The Markdown reference of the types in {@code catalogue}. */
    public static String generate(Catalogue catalogue) {
        return new TaskDocs(catalogue).build();
    }

    private String build() {
        List<PluginDescriptor> tasks = catalogue.all(PluginKind.TASK);
        Map<String, List<PluginDescriptor>> sections = new LinkedHashMap<>();
        sections.put("Flowable tasks", filter(tasks, d -> FlowableTask.class.isAssignableFrom(d.type())));
        sections.put("Runnable tasks", filter(tasks, d -> RunnableTask.class.isAssignableFrom(d.type())
            && !FlowableTask.class.isAssignableFrom(d.type())));
        sections.put("Other tasks", filter(tasks, d -> !FlowableTask.class.isAssignableFrom(d.type())
            && !RunnableTask.class.isAssignableFrom(d.type())));

        line("# Tasks, triggers and conditions");
        line("");
        line("Generated from the plugin catalogue by `io.millrace.docs.TaskDocs`; do not edit by hand.");
        line("Every type also answers to the Kestra names listed under it, so Kestra flows run unchanged.");
        line("Flowable tasks decide which child tasks run, in the executor; runnable tasks do the work, on a worker.");
        line("A *templated* property is rendered with Pebble (`{{ … }}`) when the task runs.");
        line("");
        contents(sections);
        line("## Tasks");
        line("");
        sections.forEach((title, list) -> {
            if (!list.isEmpty()) {
                line("### " + title);
                line("");
                list.forEach(this::plugin);
            }
        });
        line("## Triggers");
        line("");
        line("When Schedule and ScheduleOnDates fire (cron grammar, time zones, daylight saving time, conditions) is");
        line("explained in [triggers.md](triggers.md).");
        line("");
        catalogue.all(PluginKind.TRIGGER).forEach(this::plugin);
        line("## Conditions");
        line("");
        line("Schedule triggers take the date conditions (DateTimeBetween, DayWeek, DayWeekInMonth, Not, Or, TimeBetween,");
        line("Weekend; see [triggers.md](triggers.md#conditions)); Flow triggers take the execution conditions.");
        line("");
        catalogue.all(PluginKind.CONDITION).forEach(this::plugin);
        structuresSection();
        return out.toString().stripTrailing() + "\n";
    }

    private void contents(Map<String, List<PluginDescriptor>> sections) {
        sections.forEach((title, list) -> {
            if (!list.isEmpty()) {
                line("- " + title + ": " + links(list));
            }
        });
        line("- Triggers: " + links(catalogue.all(PluginKind.TRIGGER)));
        line("- Conditions: " + links(catalogue.all(PluginKind.CONDITION)));
        line("");
    }

    private static String links(List<PluginDescriptor> list) {
        return list.stream()
            .map(d -> "[" + simpleName(d.id()) + "](#" + anchor(d.id()) + ")")
            .collect(Collectors.joining(", "));
    }

    private void plugin(PluginDescriptor d) {
        line("#### `" + d.id() + "`");
        line("");
        line(d.title());
        line("");
        if (!d.aliases().isEmpty()) {
            line("Also accepted as: " + d.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")) + ".");
            line("");
        }
        propertiesTable(ModelProperties.of(d));
        if (!d.example().isBlank()) {
            line("Example:");
            line("");
            line("```yaml");
            line(d.example().strip());
            line("```");
            line("");
        }
    }

    private void propertiesTable(List<ModelProperty> props) {
        line("| Property | Type | Required | Templated | Description |");
        line("|---|---|---|---|---|");
        for (ModelProperty p : props) {
            collectStructures(p.javaType());
            String name = "`" + p.name() + "`" + p.aliases().stream().map(a -> " (or `" + a + "`)").collect(Collectors.joining());
            line("| " + name + " | " + typeCell(p) + " | " + (p.required() ? "yes" : "")
                + " | " + (p.dynamic() ? "yes" : "") + " | " + cell(description(p)) + " |");
        }
        line("");
    }

    private static String typeCell(ModelProperty p) {
        if (p.reader() == LabelsDeserializer.class) {
            return "`Map<String, String>` or `List<Label>`";
        }
        return "`" + typeName(p.javaType()) + "`";
    }

    private static String description(ModelProperty p) {
        String text = p.description();
        if (p.javaType() instanceof Class<?> c && c.isEnum()) {
            String values = Arrays.stream(c.getEnumConstants()).map(v -> "`" + v + "`").collect(Collectors.joining(", "));
            text = (text.isEmpty() ? "" : text + " ") + "One of " + values + ".";
        }
        return text;
    }

    private void collectStructures(Type type) {
        switch (Shape.of(type)) {
            case Shape.Union u -> {
                if (structures.add(u.base())) {
                    u.subtypes().values().forEach(sub -> ModelProperties.of(sub).forEach(p -> collectStructures(p.javaType())));
                }
            }
            case Shape.Bean b -> {
                if (structures.add(b.type())) {
                    ModelProperties.of(b.type()).forEach(p -> collectStructures(p.javaType()));
                }
            }
            case Shape.ListOf l -> collectStructures(l.element());
            case Shape.MapOf m -> collectStructures(m.value());
            case Shape.Plugin p -> { }
            case Shape.Value v -> { }
        }
    }

    private void structuresSection() {
        if (structures.isEmpty()) {
            return;
        }
        line("## Structures used by properties");
        line("");
        for (Class<?> type : List.copyOf(structures)) {
            if (Shape.of(type) instanceof Shape.Union u) {
                line("### `" + typeName(type) + "`");
                line("");
                line("Chosen by `" + u.typeProperty() + "`: "
                    + u.subtypes().keySet().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + ".");
                line("");
                u.subtypes().forEach((name, sub) -> {
                    line("#### `" + u.typeProperty() + ": " + name + "`");
                    line("");
                    propertiesTable(ModelProperties.of(sub).stream().filter(p -> !p.name().equals(u.typeProperty())).toList());
                });
            } else {
                line("### `" + typeName(type) + "`");
                line("");
                propertiesTable(ModelProperties.of(type));
            }
        }
    }

    /** A Java type as a reader knows it: {@code List<Task>}, {@code Map<String, List<Task>>}, {@code Duration}. */
    static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            String args = Arrays.stream(p.getActualTypeArguments()).map(TaskDocs::typeName).collect(Collectors.joining(", "));
            return typeName(p.getRawType()) + "<" + args + ">";
        }
        if (type instanceof Class<?> c) {
            Class<?> outer = c.getEnclosingClass();
            return outer == null || c.isEnum() ? c.getSimpleName() : outer.getSimpleName() + "." + c.getSimpleName();
        }
        return "Object";
    }

    private static List<PluginDescriptor> filter(List<PluginDescriptor> list, Predicate<PluginDescriptor> keep) {
        List<PluginDescriptor> result = new ArrayList<>();
        for (PluginDescriptor d : list) {
            if (keep.test(d)) {
                result.add(d);
            }
        }
        return result;
    }

    private static String simpleName(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** GitHub's anchor for a heading holding {@code `id`}. */
    private static String anchor(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
