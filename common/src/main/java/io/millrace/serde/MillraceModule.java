package io.millrace.serde;

import io.millrace.model.condition.Condition;
import io.millrace.model.trigger.Trigger;
import io.millrace.plugin.PluginKind;
import io.millrace.tasks.Task;
import tools.jackson.databind.module.SimpleModule;

/** Jackson wiring for Millrace's model: polymorphic tasks, triggers and conditions resolved by the catalogue. */
public final class MillraceModule {

    private MillraceModule() {
    }

    public static SimpleModule create() {
        SimpleModule m = new SimpleModule("millrace");
        m.addDeserializer(Task.class, new PluginDeserializer<>(PluginKind.TASK, Task.class));
        m.addDeserializer(Trigger.class, new PluginDeserializer<>(PluginKind.TRIGGER, Trigger.class));
        m.addDeserializer(Condition.class, new PluginDeserializer<>(PluginKind.CONDITION, Condition.class));
        return m;
    }
}
