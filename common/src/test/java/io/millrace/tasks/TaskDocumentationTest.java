package io.millrace.tasks;

import io.millrace.plugin.Catalogue;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.plugin.Prop;
import io.millrace.tasks.http.Request;
import io.millrace.tasks.http.RequestOptions;
import io.millrace.tasks.scripts.Commands;
import io.millrace.tasks.transform.TransformValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated docs of the HTTP, shell and JSONata tasks stay complete and their examples valid. */
class TaskDocumentationTest {

    @ParameterizedTest
    @ValueSource(classes = {Request.class, Commands.class, TransformValue.class})
    void is_in_the_catalogue_under_its_id_and_kestra_names(Class<?> type) {
        Plugin plugin = type.getAnnotation(Plugin.class);
        for (String name : concat(plugin.id(), plugin.aliases())) {
            PluginDescriptor found = Catalogue.get().find(PluginKind.TASK, name);
            assertThat(found).as(name).isNotNull();
            assertThat(found.type()).isEqualTo(type);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {Request.class, RequestOptions.class, Commands.class, TransformValue.class})
    void documents_every_property(Class<?> type) {
        List<String> undocumented = Arrays.stream(type.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .filter(f -> f.getAnnotation(Prop.class) == null)
            .map(Field::getName)
            .toList();
        assertThat(undocumented).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(classes = {Request.class, Commands.class, TransformValue.class})
    void its_example_parses_to_the_type(Class<?> type) {
        Task task = WorkerFixture.parse(type.getAnnotation(Plugin.class).example());
        assertThat(task).isInstanceOf(type);
    }

    private static List<String> concat(String first, String[] rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), Arrays.stream(rest)).toList();
    }
}
