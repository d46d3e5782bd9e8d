package io.millrace.docs;

import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.serde.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What editors rely on in the generated JSON Schema. */
class FlowSchemaTest {

    private final JsonNode schema = Json.tree(FlowSchema.generate(Catalogue.get()));

    @Test
    void isADraft2020SchemaOfTheFlowMapping() {
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(strings(schema.get("required"))).containsExactly("id", "namespace", "tasks");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.at("/properties/tasks/items/$ref").asString()).isEqualTo("#/$defs/task");
        assertThat(schema.at("/properties/finally/items/$ref").asString()).isEqualTo("#/$defs/task");
        assertThat(schema.at("/properties/triggers/items/$ref").asString()).isEqualTo("#/$defs/trigger");
    }

    @Test
    void everyTypeIsABranchKeyedByItsIdAndAliases() {
        for (PluginKind kind : PluginKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            JsonNode branches = schema.at("/$defs/" + name + "/allOf");
            List<PluginDescriptor> all = Catalogue.get().all(kind);
            assertThat(branches.size()).isEqualTo(all.size());
            for (int i = 0; i < all.size(); i++) {
                PluginDescriptor d = all.get(i);
                JsonNode branch = branches.get(i);
                List<String> names = new ArrayList<>(List.of(d.id()));
                names.addAll(d.aliases());
                assertThat(strings(branch.at("/if/properties/type/enum"))).containsExactlyElementsOf(names);
                String ref = branch.at("/then/$ref").asString();
                JsonNode def = schema.at("/$defs/" + ref.substring("#/$defs/".length()));
                assertThat(def.get("title").asString()).isEqualTo(d.title());
                assertThat(strings(def.at("/properties/type/enum"))).containsExactlyElementsOf(names);
                assertThat(def.get("additionalProperties").asBoolean()).isFalse();
                d.properties().forEach(p -> {
                    assertThat(def.at("/properties/" + p.name() + "/description").asString()).isEqualTo(p.description());
                    assertThat(strings(def.get("required")).contains(p.name())).isEqualTo(p.required());
                });
            }
        }
    }

    @Test
    void nestedStructuresAreDescribed() {
        assertThat(strings(schema.at("/$defs/Retry/properties/type/enum"))).containsExactly("constant", "exponential", "random");
        assertThat(schema.at("/$defs/ConstantRetry/properties/interval/format").asString()).isEqualTo("duration");
        assertThat(schema.at("/$defs/task:io.millrace.core.flow.Switch/properties/cases/additionalProperties/items/$ref")
            .asString()).isEqualTo("#/$defs/task");
        assertThat(schema.at("/$defs/Dag.DagTask/properties/task/$ref").asString()).isEqualTo("#/$defs/task");
        assertThat(schema.at("/properties/labels/oneOf").size()).isEqualTo(2);
        assertThat(schema.at("/properties/concurrency/$ref").asString()).isEqualTo("#/$defs/Concurrency");
        assertThat(strings(schema.at("/$defs/Concurrency/properties/behavior/enum"))).containsExactly("QUEUE", "CANCEL", "FAIL");
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> list.add(n.asString()));
        }
        return list;
    }
}
